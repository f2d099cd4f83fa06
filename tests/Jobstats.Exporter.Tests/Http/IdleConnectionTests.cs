using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Jobstats.Exporter.Tests.Support;
using Jobstats.Testing;

namespace Jobstats.Exporter.Tests.Http;

/// <summary>
/// A port scanner or a broken client holding connections open (idle, or sending a byte a second) must not blind
/// monitoring: the published exporter keeps answering a well-behaved scraper promptly.
/// </summary>
public sealed class IdleConnectionTests : IDisposable
{
    private readonly TempDirectory _root = new();
    private readonly List<Socket> _held = [];

    public IdleConnectionTests()
    {
        for (var job = 1; job <= 5; job++)
            CgroupTree.V1(_root.Path, "slurm", "1000", job.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public void Dispose()
    {
        foreach (var socket in _held) socket.Dispose();
        _root.Dispose();
    }

    [Fact]
    public async Task Scrapes_stay_prompt_while_300_idle_and_10_dribbling_connections_are_held()
    {
        using var exporter = new ExporterProcess(["--cgroup-root", _root.Path, "--no-gpu-collector"]);
        var cancel = TestContext.Current.CancellationToken;
        Assert.Equal(300, await OpenIdleAsync(exporter.Port, 300));

        using var stopDribbling = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var dribblers = Enumerable.Range(0, 10).Select(_ => DribbleAsync(exporter.Port, stopDribbling.Token)).ToArray();

        // Three seconds of scrapes, one every 200 ms, while the idle and dribbling connections are held.
        var times = new List<TimeSpan>();
        var until = Stopwatch.StartNew();
        while (until.Elapsed < TimeSpan.FromSeconds(3))
        {
            times.Add(await TimedScrapeAsync(exporter, cancel));
            await Task.Delay(200, cancel);
        }
        await stopDribbling.CancelAsync();
        await Task.WhenAll(dribblers);

        Assert.True(times.Max() < TimeSpan.FromSeconds(1),
            $"slowest of {times.Count} scrapes took {times.Max().TotalMilliseconds:0} ms: {string.Join(", ", times.Select(t => t.TotalMilliseconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture)))}");
        Assert.True(_held.All(IsOpen), "an idle connection was dropped although the connection cap was not reached");
        Assert.DoesNotContain("level=warn", exporter.Stderr);
        Assert.DoesNotContain("level=error", exporter.Stderr);
    }

    [Fact]
    public async Task Out_of_file_descriptors_the_oldest_idle_connections_give_theirs_up_and_the_log_is_not_flooded()
    {
        using var exporter = new ExporterProcess(["--cgroup-root", _root.Path, "--no-gpu-collector"]);
        var cancel = TestContext.Current.CancellationToken;
        // A service with a low LimitNOFILE: far fewer descriptors than the connection cap.
        RealProcess.Run("prlimit", ["--pid", exporter.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture), "--nofile=64:64"]);
        Assert.Equal(100, await OpenIdleAsync(exporter.Port, 100));
        await Task.Delay(TimeSpan.FromSeconds(2), cancel);

        var scrape = await TimedScrapeAsync(exporter, cancel);

        Assert.True(scrape < TimeSpan.FromSeconds(1), $"the scrape took {scrape.TotalMilliseconds:0} ms");
        Assert.Contains(_held, socket => !IsOpen(socket));
        var warnings = exporter.Stderr.Split('\n').Count(line => line.Contains("accept failed", StringComparison.Ordinal));
        Assert.InRange(warnings, 1, 2);
    }

    [Fact]
    public async Task Past_the_connection_cap_the_oldest_idle_connections_are_dropped_and_new_ones_are_served()
    {
        using var exporter = new ExporterProcess(["--cgroup-root", _root.Path, "--no-gpu-collector"]);
        var cancel = TestContext.Current.CancellationToken;
        Assert.Equal(700, await OpenIdleAsync(exporter.Port, 700));

        Assert.True(await TimedScrapeAsync(exporter, cancel) < TimeSpan.FromSeconds(1));
        // The cap is 512 open connections: the ~190 oldest idle ones made room for the newer ones and the scrape.
        await Task.Delay(200, cancel);
        Assert.True(_held.Take(150).All(s => !IsOpen(s)), "the oldest idle connections should have been closed");
        Assert.True(_held.TakeLast(400).All(IsOpen), "the newest idle connections should still be open");
    }

    [Fact]
    public async Task A_request_with_bare_LF_line_endings_is_answered_at_once()
    {
        using var exporter = new ExporterProcess(["--cgroup-root", _root.Path, "--no-gpu-collector"]);
        var cancel = TestContext.Current.CancellationToken;
        using var client = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync("127.0.0.1", exporter.Port, cancel);
        var watch = Stopwatch.StartNew();
        await client.SendAsync(Encoding.ASCII.GetBytes("GET /metrics HTTP/1.1\nHost: node\nAccept: application/openmetrics-text\n\n"), cancel);
        using var stream = new NetworkStream(client);
        var reply = await new StreamReader(stream).ReadToEndAsync(cancel);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"answered after {watch.ElapsedMilliseconds} ms");
        Assert.StartsWith("HTTP/1.1 200 OK\r\nContent-Type: application/openmetrics-text", reply);
        Assert.Contains("cgroup_uid{jobid=\"5\"} 1000\n", reply);
        Assert.EndsWith("# EOF\n", reply);
    }

    [Fact]
    public async Task A_client_sending_its_head_a_byte_a_second_is_closed_at_the_10_second_deadline()
    {
        using var exporter = new ExporterProcess(["--cgroup-root", _root.Path, "--no-gpu-collector"]);
        var cancel = TestContext.Current.CancellationToken;
        var watch = Stopwatch.StartNew();
        await DribbleAsync(exporter.Port, cancel);

        // The deadline, plus up to two seconds for the dribbler to notice.
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(14));
    }

    /// <summary>Connects <paramref name="count"/> sockets that never send anything; returns how many connected within 5 s.</summary>
    private async Task<int> OpenIdleAsync(int port, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            _held.Add(socket);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await socket.ConnectAsync("127.0.0.1", port, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                return i;
            }
        }
        return count;
    }

    /// <summary>A request head sent one byte a second, never finished; returns when the server closes it, or on cancel.</summary>
    private static async Task DribbleAsync(int port, CancellationToken cancel)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync("127.0.0.1", port, cancel);
            foreach (var b in Encoding.ASCII.GetBytes("GET /metrics HTTP/1.1\r\nX-Slow: " + new string('a', 1000)))
            {
                // Once the server has closed the connection, the second send after that fails (reset by the peer).
                await socket.SendAsync(new[] { b }, cancel);
                await Task.Delay(1000, cancel);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException)
        {
        }
    }

    private static async Task<TimeSpan> TimedScrapeAsync(ExporterProcess exporter, CancellationToken cancel)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        var watch = Stopwatch.StartNew();
        try
        {
            var body = await exporter.Client.GetStringAsync($"http://127.0.0.1:{exporter.Port}/metrics", timeout.Token);
            Assert.Contains("cgroup_uid{jobid=\"5\"} 1000\n", body);
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            // Counted as what it is: a scrape that did not finish within 5 s.
        }
        return watch.Elapsed;
    }

    /// <summary>True while the server has neither closed nor reset the connection (nothing is ever sent to these).</summary>
    private static bool IsOpen(Socket socket)
    {
        try
        {
            return !(socket.Poll(0, SelectMode.SelectRead) && socket.Available == 0);
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
