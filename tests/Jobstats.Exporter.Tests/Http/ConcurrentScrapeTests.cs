using Jobstats.Exporter.Tests.Support;
using Jobstats.Testing;

namespace Jobstats.Exporter.Tests.Http;

/// <summary>Many scrapes at once while jobs start and end: every scrape succeeds, ended jobs leave no series, and a
/// job that ends normally is never reported as an error.</summary>
public sealed class ConcurrentScrapeTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Fifty_concurrent_scrapes_during_job_churn()
    {
        for (var job = 1; job <= 20; job++)
        {
            var id = job.ToString(System.Globalization.CultureInfo.InvariantCulture);
            CgroupTree.V1(_root.Path, "slurm_node1", "1000", id);
            CgroupTree.V1(_root.Path, "slurm_node1", "1000", id, "batch");
        }
        using var exporter = new ExporterProcess(["--cgroup-root", _root.Path, "--no-gpu-collector", "--collect-steps"]);

        using var stopChurn = new CancellationTokenSource();
        var cancel = TestContext.Current.CancellationToken;
        var churn = Task.Run(() =>
        {
            var next = 1000;
            while (!stopChurn.IsCancellationRequested)
            {
                var job = (next++).ToString(System.Globalization.CultureInfo.InvariantCulture);
                CgroupTree.V1(_root.Path, "slurm_node1", "1000", job);
                CgroupTree.V1(_root.Path, "slurm_node1", "1000", job, "batch");
                CgroupTree.V1(_root.Path, "slurm_node1", "1000", job, "batch", "0");
                foreach (var controller in new[] { "cpuacct", "memory", "cpuset" })
                {
                    var dir = _root.Combine(controller, "slurm_node1", "uid_1000", $"job_{job}");
                    if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
                }
            }
            return next - 1000;
        }, cancel);

        var scrapes = Enumerable.Range(0, 50).Select(_ => Task.Run(async () =>
        {
            using var response = await exporter.Client.GetAsync($"http://127.0.0.1:{exporter.Port}/metrics", cancel);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancel));
        }, cancel)).ToArray();
        var results = await Task.WhenAll(scrapes);
        await stopChurn.CancelAsync();
        var jobsChurned = await churn;
        Assert.True(jobsChurned > 0, "no job was created and removed during the scrapes");

        foreach (var (status, body) in results)
        {
            Assert.Equal(200, status);
            Assert.Contains("jobstats_exporter_collector_success{collector=\"cgroup\"} 1\n", body);
            for (var job = 1; job <= 20; job++) Assert.Contains($"cgroup_uid{{jobid=\"{job}\"}} 1000\n", body);
        }

        // After the churn only the 20 steady jobs remain, each with job and step series.
        var final = exporter.Scrape();
        var jobs = final.Split('\n').Where(l => l.StartsWith("cgroup_cpu_total_seconds{", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf("jobid=\"", StringComparison.Ordinal) + 7)..l.IndexOf("\",", StringComparison.Ordinal)])
            .Distinct().Order().ToArray();
        Assert.Equal(Enumerable.Range(1, 20).Select(j => j.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(), jobs);
        Assert.Equal(40, final.Split('\n').Count(l => l.StartsWith("cgroup_cpu_total_seconds{", StringComparison.Ordinal)));
        Assert.Equal("", MetricLines.Samples(final, "cgroup_exporter_collect_error{"));
        Assert.DoesNotContain("level=error", exporter.Stderr);
    }

    [Fact]
    public async Task Jobs_ending_as_under_Slurm_memory_before_cpuacct_never_show_a_collect_error()
    {
        CgroupTree.V1(_root.Path, "slurm_node1", "1000", "1");
        using var exporter = new ExporterProcess(["--cgroup-root", _root.Path, "--no-gpu-collector", "--collect-steps"]);
        var staging = _root.Combine("staging");

        // Each controller's job directory appears and disappears at once, as on the kernel's cgroup file system
        // (a rename here, mkdir/rmdir there), so a scrape never sees a half-written fixture; and like Slurm the
        // churn removes the memory directory a moment before the cpuacct one.
        using var stopChurn = new CancellationTokenSource();
        var cancel = TestContext.Current.CancellationToken;
        var churn = Task.Run(() =>
        {
            string[] controllers = ["memory", "cpuacct", "cpuset"];
            var next = 1000;
            while (!stopChurn.IsCancellationRequested)
            {
                var job = (next++).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var built = Path.Combine(staging, job);
                CgroupTree.V1(built, "slurm_node1", "1000", job);
                CgroupTree.V1(built, "slurm_node1", "1000", job, "batch");
                CgroupTree.V1(built, "slurm_node1", "1000", job, "batch", "0");
                var relative = Path.Combine("slurm_node1", "uid_1000", $"job_{job}");
                foreach (var controller in new[] { "cpuset", "memory", "cpuacct" })
                    Directory.Move(Path.Combine(built, controller, relative), _root.Combine(controller, relative));
                Thread.Sleep(2);
                foreach (var controller in controllers)
                {
                    Directory.Move(_root.Combine(controller, relative), Path.Combine(built, controller, relative));
                    Thread.Sleep(1);
                }
                Directory.Delete(built, recursive: true);
            }
            return next - 1000;
        }, cancel);

        var scrapes = Enumerable.Range(0, 50).Select(_ => Task.Run(() =>
            exporter.Client.GetStringAsync($"http://127.0.0.1:{exporter.Port}/metrics", cancel), cancel)).ToArray();
        var bodies = await Task.WhenAll(scrapes);
        await stopChurn.CancelAsync();
        Assert.True(await churn > 0, "no job was created and removed during the scrapes");

        foreach (var body in bodies)
        {
            Assert.Contains("cgroup_uid{jobid=\"1\"} 1000\n", body);
            Assert.Equal("", MetricLines.Samples(body, "cgroup_exporter_collect_error{"));
        }
        Assert.DoesNotContain("level=warn", exporter.Stderr);
        Assert.DoesNotContain("level=error", exporter.Stderr);
    }
}
