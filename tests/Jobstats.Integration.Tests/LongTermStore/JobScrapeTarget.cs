using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Jobstats.Integration.Tests.LongTermStore;

/// <summary>
/// A scrape target on loopback standing in for one node's jobstats-exporter while one job runs: 2 cores, one of them
/// busy (the CPU counter grows 1 s per second from <see cref="Start"/>), 1 GiB used of a 4 GiB limit. No cluster
/// label: that is Prometheus' external label, added on the way to the long-term store.
/// </summary>
internal sealed class JobScrapeTarget : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;

    public JobScrapeTarget(string jobId, long start)
    {
        JobId = jobId;
        Start = start;
        _listener.Start();
        Address = $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _serving = ServeAsync();
    }

    public string JobId { get; }
    public long Start { get; }
    public string Address { get; }

    private string Exposition()
    {
        double busy = Math.Max(0, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0 - Start);
        string labels = $"{{jobid=\"{JobId}\"}}";
        return "# TYPE cgroup_cpus gauge\n" +
            $"cgroup_cpus{labels} 2\n" +
            "# TYPE cgroup_cpu_total_seconds gauge\n" +
            $"cgroup_cpu_total_seconds{labels} {busy.ToString("R", CultureInfo.InvariantCulture)}\n" +
            "# TYPE cgroup_memory_total_bytes gauge\n" +
            $"cgroup_memory_total_bytes{labels} 4294967296\n" +
            "# TYPE cgroup_memory_rss_bytes gauge\n" +
            $"cgroup_memory_rss_bytes{labels} 1073741824\n";
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            using (client)
            {
                try
                {
                    var stream = client.GetStream();
                    var reader = new StreamReader(stream, Encoding.ASCII);
                    while (await reader.ReadLineAsync(_stop.Token) is { Length: > 0 }) { }
                    byte[] body = Encoding.UTF8.GetBytes(Exposition());
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(
                        $"HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n"), _stop.Token);
                    await stream.WriteAsync(body, _stop.Token);
                }
                catch (IOException) { }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _serving;
        _stop.Dispose();
    }
}
