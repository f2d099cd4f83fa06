using System.Net;

namespace Jobstats.Testing;

/// <summary>
/// A real Prometheus serving a TSDB that promtool built from an OpenMetrics history (<c>tsdb create-blocks-from
/// openmetrics</c>): the store the report, timeline and dashboard tests query, with samples at the times they chose.
/// Listens on a free loopback port; stopped by DisposeAsync (its files belong to the caller's directory).
/// </summary>
public sealed class HistoryPrometheus : IAsyncDisposable
{
    private readonly ServerProcess _server;

    private HistoryPrometheus(ServerProcess server, string url)
    {
        _server = server;
        Url = url;
    }

    public string Url { get; }

    /// <summary>Writes the history into <paramref name="workDir"/>, builds the TSDB there and starts Prometheus on it.</summary>
    public static async Task<HistoryPrometheus> StartAsync(string workDir, string openMetrics)
    {
        string history = Path.Combine(workDir, "history.om");
        await File.WriteAllTextAsync(history, openMetrics).ConfigureAwait(false);
        string tsdb = Path.Combine(workDir, "tsdb");
        (await RealProcess.RunAsync("promtool", ["tsdb", "create-blocks-from", "openmetrics", history, tsdb]).ConfigureAwait(false)).EnsureSuccess();

        int port = FreePort.Next();
        string url = $"http://127.0.0.1:{port}";
        string config = Path.Combine(workDir, "prometheus.yml");
        await File.WriteAllTextAsync(config, "global:\n  scrape_interval: 30s\n").ConfigureAwait(false);
        var server = ServerProcess.Start("prometheus", [$"--config.file={config}", $"--storage.tsdb.path={tsdb}",
            "--storage.tsdb.retention.time=10y", $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn"]);
        var prometheus = new HistoryPrometheus(server, url);
        try { await prometheus.WaitUntilReady().ConfigureAwait(false); }
        catch
        {
            await prometheus.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return prometheus;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task WaitUntilReady()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_server.HasExited) throw new InvalidOperationException($"prometheus exited with code {_server.ExitCode}");
            try
            {
                using var response = await http.GetAsync(Url + "/-/ready").ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200).ConfigureAwait(false);
        }
        throw new TimeoutException("prometheus did not become ready within 60 s");
    }
}
