using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Jobstats.Integration.Tests.Report;

/// <summary>
/// An HTTP endpoint on loopback that answers the way a real Prometheus never does (labels of the wrong JSON type,
/// a body that never ends), for what jobstats must survive. Every request gets the answer of the test's responder.
/// </summary>
internal sealed class FakePrometheus : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<string, Stream, CancellationToken, Task> _respond;
    private readonly Task _accepting;
    private long _bytesSent;

    /// <param name="respond">Writes the whole HTTP response for a request carrying the given PromQL query.</param>
    public FakePrometheus(Func<string, Stream, CancellationToken, Task> respond)
    {
        _respond = respond;
        _listener.Start();
        Url = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _accepting = AcceptAsync();
    }

    public string Url { get; }

    /// <summary>Body bytes written by every connection so far.</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>Answers each query with the JSON the function gives for it.</summary>
    public static FakePrometheus Answering(Func<string, string> json) => new(async (query, stream, ct) =>
    {
        byte[] body = Encoding.UTF8.GetBytes(json(query));
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n"), ct);
        await stream.WriteAsync(body, ct);
    });

    /// <summary>A success whose list of series never ends: written until the client hangs up.</summary>
    public static FakePrometheus Endless()
    {
        FakePrometheus? server = null;
        server = new FakePrometheus(async (_, stream, ct) =>
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n" +
                """{"status":"success","data":{"resultType":"vector","result":["""), ct);
            byte[] chunk = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("""{"metric":{"instance":"n:1"},"value":[1,"1"]},""", 1500)));
            while (!ct.IsCancellationRequested)
            {
                await stream.WriteAsync(chunk, ct);
                Interlocked.Add(ref server!._bytesSent, chunk.Length);
            }
        });
        return server;
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            catch (SocketException) { return; }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                NetworkStream stream = client.GetStream();
                string target = (await ReadHeadAsync(stream)).Split(' ')[1];
                string query = target[(target.IndexOf('?') + 1)..].Split('&')
                    .Where(p => p.StartsWith("query=", StringComparison.Ordinal))
                    .Select(p => Uri.UnescapeDataString(p["query=".Length..])).FirstOrDefault() ?? "";
                await _respond(query, stream, _stop.Token);
            }
            catch (IOException) { }
            catch (SocketException) { }
            catch (OperationCanceledException) { }
        }
    }

    private static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        byte[] one = new byte[1];
        while (head.Length < 65536 && !head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one) == 0) break;
            head.Append((char)one[0]);
        }
        return head.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
