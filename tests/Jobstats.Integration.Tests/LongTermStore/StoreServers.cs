using System.Globalization;
using System.Net;
using System.Text;
using Jobstats.Testing;

namespace Jobstats.Integration.Tests.LongTermStore;

/// <summary>
/// Debian's victoria-metrics (single node) and vmauth, started on free loopback ports with their data in a temp
/// directory, and killed on dispose.
/// </summary>
internal static class StoreServers
{
    /// <summary>Starts victoria-metrics keeping a century, so fixture histories of any age are accepted.</summary>
    public static async Task<(ServerProcess Server, string Url)> VictoriaMetricsAsync(string dataDir, CancellationToken cancel)
    {
        int port = FreePort.Next();
        var server = ServerProcess.Start("victoria-metrics", [$"-storageDataPath={dataDir}", "-retentionPeriod=100y",
            $"-httpListenAddr=127.0.0.1:{port}", "-loggerLevel=ERROR", "-search.latencyOffset=0s"]);
        string url = $"http://127.0.0.1:{port}";
        await WaitHealthyAsync(server, url, "victoria-metrics", cancel);
        return (server, url);
    }

    /// <summary>vmauth with the given auth config, over TLS when certificates are given.</summary>
    public static async Task<(ServerProcess Server, string Url)> VmAuthAsync(string configFile, TestCertificates? tls, CancellationToken cancel)
    {
        int port = FreePort.Next();
        List<string> args = [$"-auth.config={configFile}", $"-httpListenAddr=127.0.0.1:{port}", "-loggerLevel=ERROR"];
        if (tls is not null) args.AddRange(["-tls", $"-tlsCertFile={tls.ServerCertFile}", $"-tlsKeyFile={tls.ServerKeyFile}"]);
        var server = ServerProcess.Start("vmauth", args);
        string url = $"{(tls is null ? "http" : "https")}://127.0.0.1:{port}";
        await WaitHealthyAsync(server, url, "vmauth", cancel, tls);
        return (server, url);
    }

    /// <summary>
    /// Loads an OpenMetrics history (timestamps in seconds, as promtool takes it) through the Prometheus text import,
    /// which wants milliseconds, then flushes so that the next query sees every sample.
    /// </summary>
    public static async Task ImportAsync(string url, string openMetrics, CancellationToken cancel)
    {
        var text = new StringBuilder();
        foreach (string line in openMetrics.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            int space = line.LastIndexOf(' ');
            long seconds = long.Parse(line[(space + 1)..], CultureInfo.InvariantCulture);
            text.Append(line, 0, space + 1).Append((seconds * 1000).ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        using var content = new StringContent(text.ToString(), Encoding.UTF8, "text/plain");
        using var response = await http.PostAsync(url + "/api/v1/import/prometheus", content, cancel);
        Assert.True(response.IsSuccessStatusCode, $"import: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancel)}");
        await FlushAsync(url, cancel);
    }

    /// <summary>Makes samples received so far searchable at once (they otherwise wait for the next in-memory flush).</summary>
    public static async Task FlushAsync(string url, CancellationToken cancel)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var flushed = await http.GetAsync(url + "/internal/force_flush", cancel);
        flushed.EnsureSuccessStatusCode();
    }

    private static async Task WaitHealthyAsync(ServerProcess server, string url, string name, CancellationToken cancel, TestCertificates? tls = null)
    {
        using var handler = new HttpClientHandler();
        if (tls is not null) handler.ServerCertificateCustomValidationCallback = (_, _, _, _) => true;
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (server.HasExited) throw new InvalidOperationException($"{name} exited with code {server.ExitCode}");
            try
            {
                using var response = await http.GetAsync(url + "/health", cancel);
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!cancel.IsCancellationRequested) { }
            await Task.Delay(200, cancel);
        }
        throw new TimeoutException($"{name} did not become healthy within 60 s");
    }
}
