using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Jobstats.Testing;

namespace Jobstats.Integration.Tests.Exporter;

/// <summary>
/// The real Prometheus scraping the published jobstats-exporter over TLS with basic auth, as jobstatsctl configures
/// both: up with the right password and the test CA; down, and saying why, with a wrong password or plain HTTP.
/// </summary>
public sealed class TlsScrapeTests : IAsyncDisposable
{
    private readonly TempDirectory _work = new();
    private readonly List<ServerProcess> _servers = [];

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers) await server.DisposeAsync();
        _work.Dispose();
    }

    [Fact]
    public async Task Prometheus_scrapes_the_exporter_over_TLS_with_the_right_password_and_not_with_a_wrong_one_or_plain_HTTP()
    {
        var cancel = TestContext.Current.CancellationToken;
        var certificates = new TestCertificates(_work.Combine("pki"));
        var webConfig = TestWebConfig.Write(_work.Combine("exporter-web.yml"), certificates, ("prometheus", "the right one"));
        var exporterPort = FreePort.Next();
        _servers.Add(ServerProcess.Start(Repository.PublishedProgram("jobstats-exporter"),
            ["--listen-address", $"127.0.0.1:{exporterPort}", "--no-gpu-collector", "--web.config.file", webConfig]));
        await WaitForPortAsync(exporterPort, cancel);

        File.WriteAllText(_work.Combine("right.pw"), "the right one\n");
        File.WriteAllText(_work.Combine("wrong.pw"), "the wrong one\n");
        var target = $"127.0.0.1:{exporterPort}";
        var config = _work.Combine("prometheus.yml");
        File.WriteAllText(config, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: right-password
                scheme: https
                tls_config: {"{"} ca_file: {certificates.CaFile} {"}"}
                basic_auth: {"{"} username: prometheus, password_file: {_work.Combine("right.pw")} {"}"}
                static_configs: [{"{"} targets: ['{target}'] {"}"}]
              - job_name: wrong-password
                scheme: https
                tls_config: {"{"} ca_file: {certificates.CaFile}, server_name: localhost {"}"}
                basic_auth: {"{"} username: prometheus, password_file: {_work.Combine("wrong.pw")} {"}"}
                static_configs: [{"{"} targets: ['{target}'] {"}"}]
              - job_name: plain-http
                basic_auth: {"{"} username: prometheus, password_file: {_work.Combine("right.pw")} {"}"}
                static_configs: [{"{"} targets: ['{target}'] {"}"}]
            """);
        (await RealProcess.RunAsync("promtool", ["check", "config", config], cancellationToken: cancel)).EnsureSuccess();
        var prometheusPort = FreePort.Next();
        _servers.Add(ServerProcess.Start("prometheus", [$"--config.file={config}", $"--storage.tsdb.path={_work.Combine("tsdb")}",
            $"--web.listen-address=127.0.0.1:{prometheusPort}", "--log.level=warn"]));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var api = $"http://127.0.0.1:{prometheusPort}/api/v1";

        var targets = await ScrapedTargetsAsync(http, api, 3, cancel);

        Assert.Equal(("up", ""), targets["right-password"]);
        Assert.Equal("down", targets["wrong-password"].Health);
        Assert.Contains("401", targets["wrong-password"].Error);
        Assert.Equal("down", targets["plain-http"].Health);
        var samples = await QueryAsync(http, api, "scrape_samples_scraped{job=\"right-password\"}", cancel);
        Assert.True(samples > 0, "Prometheus stored no samples from the exporter");

        // Nor does any plain-HTTP client: the TLS port answers no request that is not TLS.
        var plain = await Record.ExceptionAsync(() => http.GetStringAsync($"http://{target}/metrics", cancel));
        Assert.IsType<HttpRequestException>(plain);
    }

    private static async Task WaitForPortAsync(int port, CancellationToken cancel)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port, cancel);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50, cancel);
            }
        }
        throw new TimeoutException($"nothing listens on port {port}");
    }

    /// <summary>Each job's health and last error once all <paramref name="jobs"/> have been scraped at least once.</summary>
    private static async Task<Dictionary<string, (string Health, string Error)>> ScrapedTargetsAsync(HttpClient http, string api, int jobs, CancellationToken cancel)
    {
        var seen = new Dictionary<string, (string, string)>();
        for (var attempt = 0; attempt < 120; attempt++)
        {
            try
            {
                using var doc = JsonDocument.Parse(await http.GetStringAsync($"{api}/targets?state=active", cancel));
                seen = doc.RootElement.GetProperty("data").GetProperty("activeTargets").EnumerateArray()
                    .Where(t => t.GetProperty("health").GetString() != "unknown")
                    .ToDictionary(t => t.GetProperty("labels").GetProperty("job").GetString()!,
                        t => (t.GetProperty("health").GetString()!, t.GetProperty("lastError").GetString()!));
                if (seen.Count == jobs) return seen;
            }
            catch (HttpRequestException)
            {
                // Prometheus is still starting.
            }
            await Task.Delay(500, cancel);
        }
        throw new TimeoutException($"only {seen.Count} of {jobs} jobs scraped within 60 s: {string.Join(", ", seen.Keys)}");
    }

    private static async Task<double> QueryAsync(HttpClient http, string api, string query, CancellationToken cancel)
    {
        using var doc = JsonDocument.Parse(await http.GetStringAsync($"{api}/query?query={Uri.EscapeDataString(query)}", cancel));
        var result = doc.RootElement.GetProperty("data").GetProperty("result");
        return result.GetArrayLength() == 0 ? 0 : double.Parse(result[0].GetProperty("value")[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture);
    }
}
