using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using Jobstats.Metrics.Exposition;
using Jobstats.Metrics.Security;

namespace Jobstats.Metrics.Http;

/// <summary>
/// A deliberately small HTTP/1.1 server: one GET endpoint, one response per connection (Connection: close).
/// Prometheus needs nothing more, and it keeps start-up and memory far below a web framework's.
/// Accepting never waits: request heads are read asynchronously (no thread, no buffer while a client is silent),
/// open connections are bounded by a <see cref="ConnectionTable"/>, and only collecting is bounded to a few at a
/// time. So clients that connect and send nothing, or a byte a second, cannot keep a scraper from being answered.
/// The program brings what is served: <paramref name="scrape"/> builds a fresh buffer for every GET /metrics (it may
/// run on two threads at once), and <paramref name="name"/>, a program name written into HTML as it is, titles the
/// index page at "/". <paramref name="security"/>, from a web configuration file, adds TLS (the handshake is part of
/// waiting for the head: same deadline, same connection table) and basic auth on every path.
/// </summary>
public sealed class MetricsServer(string name, Func<ScrapeBuffer> scrape, IMetricsServerLog log, WebSecurity? security = null) : IDisposable
{
    private const int MaxHeadBytes = 8192;

    /// <summary>
    /// Well inside the 1024 file descriptors systemd gives a service by default (NativeAOT keeps that soft limit),
    /// leaving room for the files a scrape opens (the exporter's NVML device files and cgroup files).
    /// </summary>
    private const int MaxConnections = 512;

    /// <summary>
    /// Collecting is the server's only real work: it takes CPU from the node's jobs, and a flood of requests must
    /// not run hundreds of scrapes (each holding a whole exposition) at once. Two lets a Prometheus HA pair scrape
    /// side by side; further requests wait their turn within their deadline.
    /// </summary>
    private const int MaxConcurrentScrapes = 2;

    /// <summary>From connect to the end of the response, whatever the client does (Prometheus' default scrape timeout).</summary>
    private static readonly TimeSpan ConnectionDeadline = TimeSpan.FromSeconds(10);

    /// <summary>Descriptors kept free for scrapes once the process ran out: two scrapes at a time, each reading one
    /// cgroup file at a time, with room to spare.</summary>
    private const int DescriptorHeadroom = 8;

    private static readonly TimeSpan AcceptRetryDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan AcceptWarningInterval = TimeSpan.FromSeconds(10);

    private readonly ConnectionTable _connections = new(MaxConnections);
    private long _acceptFailures;
    private System.Diagnostics.Stopwatch? _lastAcceptWarning;
    private readonly SemaphoreSlim _scrapes = new(MaxConcurrentScrapes);
    private TcpListener? _listener;

    /// <summary>
    /// Listens on <paramref name="address"/> (null: every interface) and <paramref name="port"/> (0: any free one), as
    /// <see cref="ListenAddress.TryParse"/> gives them; returns the bound endpoint. Throws <see cref="SocketException"/>
    /// when the address is taken or not the host's.
    /// </summary>
    public IPEndPoint Start(IPAddress? address, int port)
    {
        if (address is null)
        {
            // ":PORT" means every interface, IPv6 and IPv4 where the kernel allows a dual-mode socket.
            try
            {
                _listener = new TcpListener(IPAddress.IPv6Any, port);
                _listener.Server.DualMode = true;
                _listener.Start(128);
            }
            catch (SocketException)
            {
                _listener = new TcpListener(IPAddress.Any, port);
                _listener.Start(128);
            }
        }
        else
        {
            _listener = new TcpListener(address, port);
            _listener.Start(128);
        }
        return (IPEndPoint)_listener.LocalEndpoint;
    }

    /// <summary>Serves until <paramref name="cancel"/> fires; requests still being answered then finish on their own.</summary>
    public async Task RunAsync(CancellationToken cancel)
    {
        var listener = _listener ?? throw new InvalidOperationException("Start the server first");
        using var registration = cancel.Register(listener.Stop);
        while (!cancel.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(cancel).ConfigureAwait(false);
            }
            catch (Exception) when (cancel.IsCancellationRequested)
            {
                break;
            }
            catch (SocketException e)
            {
                await AcceptFailedAsync(e, cancel).ConfigureAwait(false);
                continue;
            }
            // Admitted here, in accept order, so that the connection dropped when the table is full is the oldest;
            // the deadline starts now, so a dribbling client cannot stretch it.
            var deadline = new CancellationTokenSource(ConnectionDeadline);
            if (_connections.Admit(client) is not { } connection)
            {
                client.Dispose();
                deadline.Dispose();
                continue;
            }
            // Off the accept loop: a head already waiting would otherwise be read and scraped before the next accept.
            _ = Task.Run(() => ServeAsync(connection, deadline), CancellationToken.None);
        }
    }

    /// <summary>
    /// A failed accept leaves the connection in the kernel's queue, so retrying at once fails again: out of file
    /// descriptors (a lowered LimitNOFILE, or NVML and cgroup files taking their share) that would spin a core and
    /// flood the log. The oldest connection still waiting for its head gives up its descriptor, as it would at the
    /// connection cap; with none to give, the loop waits a little. At most one warning every 10 s keeps the log readable.
    /// </summary>
    private async Task AcceptFailedAsync(SocketException e, CancellationToken cancel)
    {
        _acceptFailures++;
        if (_lastAcceptWarning is null || _lastAcceptWarning.Elapsed >= AcceptWarningInterval)
        {
            log.Warn($"accept failed: {e.Message} ({_acceptFailures} failures since the server started)");
            _lastAcceptWarning = System.Diagnostics.Stopwatch.StartNew();
        }
        if (e.SocketErrorCode == SocketError.TooManyOpenSockets && _connections.ShrinkForDescriptors(DescriptorHeadroom) > 0)
        {
            log.Warn($"out of file descriptors: holding at most {_connections.Capacity} connections from now on, {DescriptorHeadroom} descriptors kept for the files a scrape reads");
            return;
        }
        try
        {
            await Task.Delay(AcceptRetryDelay, cancel).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the accept loop ends at its next check.
        }
    }

    private async Task ServeAsync(LinkedListNode<Socket> connection, CancellationTokenSource deadline)
    {
        var client = connection.Value;
        var serving = false;
        Stream? stream = null;
        try
        {
            stream = await OpenAsync(client, deadline.Token).ConfigureAwait(false);
            var head = await ReadHeadAsync(stream, deadline.Token).ConfigureAwait(false);
            if (!_connections.BeginServing(connection)) return;
            serving = true;
            await AnswerAsync(stream, head is null ? null : HttpRequestHead.Parse(head), deadline.Token).ConfigureAwait(false);
            // close_notify takes no token: the deadline bounds the wait, and disposing the stream below ends the write.
            if (stream is SslStream tls) await tls.ShutdownAsync().WaitAsync(deadline.Token).ConfigureAwait(false);
            client.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or IOException or ObjectDisposedException
                                      or AuthenticationException)
        {
            log.Debug($"connection dropped: {e.Message}");
        }
        catch (Exception e)
        {
            log.Error($"request failed: {e.GetType().Name}: {e.Message}");
        }
        finally
        {
            if (serving) _connections.EndServing();
            else _connections.Forget(connection);
            stream?.Dispose();
            client.Dispose();
            deadline.Dispose();
        }
    }

    /// <summary>
    /// The connection's stream: the socket itself, or TLS over it once the handshake is done. The handshake runs under
    /// the connection's deadline, so a client that opens TLS and stalls is dropped like one that never sends a head.
    /// </summary>
    private async Task<Stream> OpenAsync(Socket client, CancellationToken cancel)
    {
        var network = new NetworkStream(client, ownsSocket: false);
        if (security?.Tls is not { } options) return network;
        // As for a plain head: a zero-byte read waits for the ClientHello without holding the handshake's buffers.
        await client.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, cancel).ConfigureAwait(false);
        var tls = new SslStream(network, leaveInnerStreamOpen: false);
        try
        {
            await tls.AuthenticateAsServerAsync(options, cancel).ConfigureAwait(false);
            return tls;
        }
        catch
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task AnswerAsync(Stream client, HttpRequestHead? request, CancellationToken cancel)
    {
        if (request is null)
        {
            await RespondAsync(client, 400, "Bad Request", "text/plain; charset=utf-8", "bad request\n", headOnly: false, cancel).ConfigureAwait(false);
            return;
        }
        var headOnly = request.Method == "HEAD";
        if (security?.BasicAuth is { } basicAuth && !await basicAuth.CheckAsync(request.Authorization, cancel).ConfigureAwait(false))
        {
            await RespondAsync(client, 401, "Unauthorized", "text/plain; charset=utf-8", "Unauthorized\n", headOnly, cancel,
                "WWW-Authenticate: Basic\r\n").ConfigureAwait(false);
            return;
        }
        if (request.Method != "GET" && !headOnly)
        {
            await RespondAsync(client, 405, "Method Not Allowed", "text/plain; charset=utf-8", "only GET is supported\n", false, cancel).ConfigureAwait(false);
            return;
        }
        switch (request.Path)
        {
            case "/metrics":
                var format = ExpositionFormats.Negotiate(request.Accept);
                await _scrapes.WaitAsync(cancel).ConfigureAwait(false);
                ScrapeBuffer samples;
                try
                {
                    samples = scrape();
                }
                finally
                {
                    _scrapes.Release();
                }
                // Written outside the slot: a slow client delays only its own response, and holds its samples plus a
                // chunk or two of text rather than the whole body.
                await RespondAsync(client, ExpositionFormats.ContentType(format), samples, format, request.Http10, headOnly, cancel).ConfigureAwait(false);
                break;
            case "/":
                await RespondAsync(client, 200, "OK", "text/html; charset=utf-8",
                    $"<html><head><title>{name}</title></head><body><h1>{name}</h1><p><a href=\"/metrics\">Metrics</a></p></body></html>\n",
                    headOnly, cancel).ConfigureAwait(false);
                break;
            default:
                await RespondAsync(client, 404, "Not Found", "text/plain; charset=utf-8", "not found; try /metrics\n", headOnly, cancel).ConfigureAwait(false);
                break;
        }
    }

    private static async Task<byte[]?> ReadHeadAsync(Stream client, CancellationToken cancel)
    {
        // A zero-byte read waits for data without holding a buffer, so a silent connection costs a socket, not 8 KiB.
        await client.ReadAsync(Memory<byte>.Empty, cancel).ConfigureAwait(false);
        var buffer = new byte[MaxHeadBytes];
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await client.ReadAsync(buffer.AsMemory(filled), cancel).ConfigureAwait(false);
            if (read == 0) return null;
            filled += read;
            var end = HttpRequestHead.EndOf(buffer.AsSpan(0, filled));
            if (end >= 0) return buffer[..end];
        }
        return null;
    }

    private static async Task RespondAsync(Stream client, int status, string reason, string contentType, string body, bool headOnly,
        CancellationToken cancel, string extraHeaders = "")
    {
        var bodyBytes = Encoding.UTF8.GetBytes(body);
        await SendHeadAsync(client, status, reason, contentType, bodyBytes.Length, cancel, extraHeaders).ConfigureAwait(false);
        if (!headOnly) await client.WriteAsync(bodyBytes.AsMemory(), cancel).ConfigureAwait(false);
    }

    /// <summary>
    /// An exposition is sent as it is written, a 64 KiB chunk at a time, never held whole: a body that fits in one chunk
    /// goes with its Content-Length; a longer one with chunked transfer coding (each chunk of the body one HTTP chunk),
    /// or for an HTTP/1.0 client without a length, ended by closing the connection. A HEAD is answered with the length
    /// the body would have, counted while writing it and dropping its chunks.
    /// </summary>
    private static async Task RespondAsync(Stream client, string contentType, ScrapeBuffer samples, ExpositionFormat format, bool http10,
        bool headOnly, CancellationToken cancel)
    {
        using var body = new ExpositionBody();
        using var parts = ExpositionWriter.WriteInParts(samples, format, body).GetEnumerator();
        var more = parts.MoveNext();
        if (headOnly)
        {
            for (; more; more = parts.MoveNext()) body.DropCompleted();
            await SendHeadAsync(client, 200, "OK", contentType, body.Length, cancel).ConfigureAwait(false);
            return;
        }
        if (!more)
        {
            await SendHeadAsync(client, 200, "OK", contentType, body.Length, cancel).ConfigureAwait(false);
            foreach (var chunk in body.Chunks()) await client.WriteAsync(chunk, cancel).ConfigureAwait(false);
            return;
        }
        var chunked = !http10;
        await SendHeadAsync(client, 200, "OK", contentType, length: null, cancel, chunked ? "Transfer-Encoding: chunked\r\n" : "").ConfigureAwait(false);
        var first = true;
        for (; more; more = parts.MoveNext())
        {
            foreach (var chunk in body.CompletedChunks())
            {
                await SendChunkAsync(client, chunk, chunked, first, cancel).ConfigureAwait(false);
                first = false;
            }
            body.DropCompleted();
        }
        foreach (var chunk in body.Chunks())
        {
            await SendChunkAsync(client, chunk, chunked, first, cancel).ConfigureAwait(false);
            first = false;
        }
        if (chunked) await client.WriteAsync(LastChunk, cancel).ConfigureAwait(false);
    }

    /// <summary>Ends the chunk before it and the chunked body (a chunk of size zero, no trailer).</summary>
    private static readonly byte[] LastChunk = "\r\n0\r\n\r\n"u8.ToArray();

    /// <summary>
    /// One HTTP chunk (RFC 9112 §7.1): its size in hex and the bytes, with the line break that ends the previous chunk
    /// sent in the same write as this one's size; or the bytes alone when not chunked.
    /// </summary>
    private static async Task SendChunkAsync(Stream client, ReadOnlyMemory<byte> bytes, bool chunked, bool first, CancellationToken cancel)
    {
        if (bytes.IsEmpty) return;   // a zero-size chunk would end the body
        if (chunked) await client.WriteAsync(Encoding.ASCII.GetBytes($"{(first ? "" : "\r\n")}{bytes.Length:X}\r\n"), cancel).ConfigureAwait(false);
        await client.WriteAsync(bytes, cancel).ConfigureAwait(false);
    }

    /// <summary>The status line and headers; without <paramref name="length"/>, no Content-Length (the caller frames the body).</summary>
    private static async Task SendHeadAsync(Stream client, int status, string reason, string contentType, long? length, CancellationToken cancel, string extraHeaders = "")
    {
        var contentLength = length is { } known ? $"Content-Length: {known}\r\n" : "";
        var head = Encoding.ASCII.GetBytes(
            $"HTTP/1.1 {status} {reason}\r\n{extraHeaders}Content-Type: {contentType}\r\n{contentLength}Connection: close\r\n\r\n");
        await client.WriteAsync(head.AsMemory(), cancel).ConfigureAwait(false);
    }

    // The semaphore is not disposed: scrapes still finishing release it after the listener stops.
    public void Dispose() => _listener?.Stop();
}
