using System.Globalization;
using System.Text.Json;
using Jobstats.Integration.Tests.Report;
using Jobstats.Testing;

namespace Jobstats.Integration.Tests.LongTermStore;

/// <summary>
/// The long-term store round trip with the real programs: Prometheus scrapes a node while a job runs and
/// remote_writes, with a bearer token through vmauth, to the real victoria-metrics; jobstats then reports the job
/// from victoria-metrics alone. The cluster label exists only in the store: Prometheus' external label puts it there.
/// </summary>
[Collection(ReportCollection.Name)]
public sealed class RemoteWriteRoundTripTests(ReportEnvironment env) : IAsyncDisposable
{
    private const string Cluster = "lab";
    private const string WriteToken = "prometheus-write-token";
    private const int JobSeconds = 40;
    private readonly TempDirectory _work = new("jobstats-remote-write-");
    private readonly List<IAsyncDisposable> _running = [];

    public async ValueTask DisposeAsync()
    {
        for (int i = _running.Count - 1; i >= 0; i--) await _running[i].DisposeAsync();
        _work.Dispose();
    }

    [Fact]
    public async Task Prometheus_remote_writes_a_running_job_to_VictoriaMetrics_and_jobstats_reports_it_from_there()
    {
        var cancel = TestContext.Current.CancellationToken;
        var (vm, vmUrl) = await StoreServers.VictoriaMetricsAsync(_work.Combine("vm-data"), cancel);
        _running.Add(vm);
        string authConfig = _work.Combine("vmauth.yml");
        await File.WriteAllTextAsync(authConfig, $"users:\n  - bearer_token: \"{WriteToken}\"\n    url_prefix: \"{vmUrl}\"\n", cancel);
        var (proxy, proxyUrl) = await StoreServers.VmAuthAsync(authConfig, null, cancel);
        _running.Add(proxy);

        long start = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var target = new JobScrapeTarget("4242", start);
        _running.Add(target);
        string token = _work.Combine("write.token");
        await File.WriteAllTextAsync(token, WriteToken + "\n", cancel);
        // What jobstatsctl renders for kind remote_write with a bearer token (LongTermStoreTests checks that text).
        string config = _work.Combine("prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
              external_labels:
                cluster: {Cluster}
            scrape_configs:
              - job_name: jobstats-exporter
                static_configs: [{"{"} targets: ['{target.Address}'] {"}"}]
            remote_write:
              - url: '{proxyUrl}/api/v1/write'
                authorization:
                  credentials_file: {token}
                queue_config: {"{"} batch_send_deadline: 1s {"}"}
            """, cancel);
        (await RealProcess.RunAsync("promtool", ["check", "config", config], cancellationToken: cancel)).EnsureSuccess();
        int port = FreePort.Next();
        _running.Add(ServerProcess.Start("prometheus", [$"--config.file={config}", $"--storage.tsdb.path={_work.Combine("tsdb")}",
            $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn"]));

        long end = start + JobSeconds;
        await Task.Delay(TimeSpan.FromSeconds(JobSeconds + 5), cancel);
        await StoreServers.FlushAsync(vmUrl, cancel);

        // The store holds the job's series under the cluster label; Prometheus' own TSDB has no such label.
        Assert.Equal(Cluster, await LabelOfAsync(vmUrl, "cgroup_cpus{jobid='4242'}", "cluster", cancel));
        Assert.Null(await LabelOfAsync($"http://127.0.0.1:{port}", "cgroup_cpus{jobid='4242'}", "cluster", cancel));

        string rows = _work.Combine("sacct");
        Directory.CreateDirectory(rows);
        await File.WriteAllTextAsync(Path.Combine(rows, "4242.txt"), string.Create(CultureInfo.InvariantCulture,
            $"4242|4242|{start}|{end}|{Cluster}|billing=2,cpu=2,mem=4G,node=1||alice|physics|COMPLETED|1|2|4G|normal|cpu|10|round-trip\n"), cancel);
        string jobstatsConfig = _work.Combine("jobstats.yaml");
        await File.WriteAllTextAsync(jobstatsConfig, $"""
            prometheus:
              url: http://127.0.0.1:9
            sampling_period_seconds: 1
            clusters:
              {Cluster}:
                prometheus_url: {vmUrl}
            """, cancel);
        var (exit, stdout, stderr) = await env.Jobstats(["--format", "json", "-c", Cluster, "4242"],
            new Dictionary<string, string> { ["JOBSTATS_CONFIG"] = jobstatsConfig, ["FAKE_SACCT_ROWS"] = rows });

        Assert.Equal(("", 0), (stderr, exit));
        using var report = JsonDocument.Parse(stdout);
        var job = report.RootElement.GetProperty("jobs")[0];
        var overall = job.GetProperty("overall");
        // One of two cores busy for the whole job: 50 %, give or take the scrape at each end.
        double cpu = overall.GetProperty("cpu_efficiency").GetDouble();
        Assert.InRange(cpu, 40, 55);
        Assert.Equal(25, overall.GetProperty("cpu_memory_efficiency").GetDouble(), 0.5);
    }

    private static async Task<string?> LabelOfAsync(string url, string query, string label, CancellationToken cancel)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var answer = JsonDocument.Parse(await http.GetStringAsync($"{url}/api/v1/query?query={Uri.EscapeDataString(query)}", cancel));
        var result = answer.RootElement.GetProperty("data").GetProperty("result");
        Assert.Equal(1, result.GetArrayLength());
        return result[0].GetProperty("metric").TryGetProperty(label, out var value) ? value.GetString() : null;
    }
}
