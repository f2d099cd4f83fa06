using System.Net;
using System.Net.Sockets;
using System.Text;
using Jobstats.Exporter.Collectors;
using Jobstats.Exporter.Exposition;
using Jobstats.Exporter.Logging;

namespace Jobstats.Exporter.Http;

/// <summary>
/// A deliberately small HTTP/1.1 server: one GET endpoint, one response per connection (Connection: close).
/// Prometheus needs nothing more, and it keeps start-up and memory far below a web framework's.
/// </summary>
public sealed class MetricsServer(Scraper scraper, Log log) : IDisposable
{
    private const int MaxHeadBytes = 8192;
    private const int MaxConcurrentRequests = 64;
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);
    private readonly SemaphoreSlim _slots = new(MaxConcurrentRequests);
    private TcpListener? _listener;

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

    public async Task RunAsync(CancellationToken cancel)
    {
        var listener = _listener ?? throw new InvalidOperationException("Start the server first");
        using var registration = cancel.Register(listener.Stop);
        while (!cancel.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(cancel);
            }
            catch (Exception) when (cancel.IsCancellationRequested)
            {
                break;
            }
            catch (SocketException e)
            {
                log.Warn($"accept failed: {e.Message}");
                continue;
            }
            // Bounded: a flood of connections waits for a slot instead of starting unbounded scrapes.
            try
            {
                await _slots.WaitAsync(cancel).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                client.Dispose();
                break;
            }
            _ = Task.Run(async () =>
            {
                try
                {
                    await ServeAsync(client);
                }
                finally
                {
                    _slots.Release();
                }
            }, CancellationToken.None);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        using var _ = client;
        using var timeout = new CancellationTokenSource(RequestTimeout);
        try
        {
            var head = await ReadHeadAsync(client, timeout.Token);
            var request = head is null ? null : HttpRequestHead.Parse(head);
            if (request is null)
            {
                await RespondAsync(client, 400, "Bad Request", "text/plain; charset=utf-8", "bad request\n", headOnly: false, timeout.Token);
                return;
            }
            var headOnly = request.Method == "HEAD";
            if (request.Method != "GET" && !headOnly)
            {
                await RespondAsync(client, 405, "Method Not Allowed", "text/plain; charset=utf-8", "only GET is supported\n", false, timeout.Token);
                return;
            }
            switch (request.Path)
            {
                case "/metrics":
                    var format = ExpositionFormats.Negotiate(request.Accept);
                    var body = ExpositionWriter.Write(scraper.Scrape(), format);
                    await RespondAsync(client, 200, "OK", ExpositionFormats.ContentType(format), body, headOnly, timeout.Token);
                    break;
                case "/":
                    await RespondAsync(client, 200, "OK", "text/html; charset=utf-8",
                        "<html><head><title>jobstats-exporter</title></head><body><h1>jobstats-exporter</h1><p><a href=\"/metrics\">Metrics</a></p></body></html>\n",
                        headOnly, timeout.Token);
                    break;
                default:
                    await RespondAsync(client, 404, "Not Found", "text/plain; charset=utf-8", "not found; try /metrics\n", headOnly, timeout.Token);
                    break;
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or IOException)
        {
            log.Debug($"connection dropped: {e.Message}");
        }
        catch (Exception e)
        {
            log.Error($"request failed: {e}");
        }
    }

    private static async Task<byte[]?> ReadHeadAsync(Socket client, CancellationToken cancel)
    {
        var buffer = new byte[MaxHeadBytes];
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await client.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, cancel);
            if (read == 0) return null;
            filled += read;
            var end = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8);
            if (end >= 0) return buffer[..end];
        }
        return null;
    }

    private static async Task RespondAsync(Socket client, int status, string reason, string contentType, string body, bool headOnly, CancellationToken cancel)
    {
        var bodyBytes = Encoding.UTF8.GetBytes(body);
        var head = Encoding.ASCII.GetBytes(
            $"HTTP/1.1 {status} {reason}\r\nContent-Type: {contentType}\r\nContent-Length: {bodyBytes.Length}\r\nConnection: close\r\n\r\n");
        await client.SendAsync(head.AsMemory(), SocketFlags.None, cancel);
        if (!headOnly) await client.SendAsync(bodyBytes.AsMemory(), SocketFlags.None, cancel);
        client.Shutdown(SocketShutdown.Send);
    }

    // The semaphore is not disposed: requests still finishing release it after the listener stops.
    public void Dispose() => _listener?.Stop();
}
