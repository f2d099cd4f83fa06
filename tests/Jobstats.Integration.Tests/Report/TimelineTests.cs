using System.Globalization;

namespace Jobstats.Integration.Tests.Report;

/// <summary>
/// `jobstats timeline` as published, against the real Prometheus of the report tests. Job 1020 (FixtureJobs says why
/// each figure is what it is) runs 2 h: all 8 cores busy for the first hour then 10 %, memory rising to 20 GiB, GPU 0
/// at 90 % for 75 min and GPU 1 at 50 % for 30 min, both idle afterwards.
/// </summary>
[Collection(ReportCollection.Name)]
public sealed class TimelineTests(ReportEnvironment env)
{
    // A day after 1020 ended: well inside the 15 days Prometheus is assumed to keep samples.
    private static readonly Dictionary<string, string> Now = new()
    {
        ["JOBSTATS_NOW"] = (FixtureJobs.T0 + 82800 + 86400).ToString(CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task Ascii_timeline_matches_golden_and_shows_the_gpus_going_idle()
    {
        var (exit, stdout, stderr) = await env.Jobstats(["timeline", "-w", "100", "1020"], Now);
        Assert.Equal(("", 0), (stderr, exit));
        Assert.True(stdout.All(c => c < 128), "piped output is ASCII");
        Golden.Match(env, "timeline.txt", stdout);
        string gpu0 = stdout.Split('\n').Single(l => l.StartsWith("GPU 0 ", StringComparison.Ordinal));
        // 100 columns leave 51 for the plot: 2 h needs steps of at least 144 s, rounded up to 3 min: 41 points.
        // GPU 0 is at 90 % for 75 min = 25 steps after the first (no sample yet at the start), then 0.
        Assert.Contains(" " + new string('#', 25) + new string('_', 15) + "  min 0%", gpu0);
        Assert.Contains("max 90%", gpu0);
        Assert.Contains("min 0%", gpu0);
    }

    [Fact]
    public async Task Unicode_timeline_matches_golden()
    {
        var (exit, stdout, stderr) = await env.Jobstats(["timeline", "-u", "-w", "100", "1020"], Now);
        Assert.Equal(("", 0), (stderr, exit));
        Assert.Contains('█', stdout);
        Assert.Contains('▁', stdout);
        Golden.Match(env, "timeline.unicode.txt", stdout);
    }

    [Fact]
    public async Task One_range_query_per_figure_not_per_gpu()
    {
        var (exit, _, stderr) = await env.Jobstats(["timeline", "-d", "-w", "100", "1020"], Now);
        Assert.Equal(0, exit);
        var queries = stderr.Split('\n').Where(l => l.StartsWith("debug: range query ", StringComparison.Ordinal)).ToList();
        // CPU, memory allocated, memory used, GPU utilisation: four queries for two GPUs, each over the whole run.
        Assert.Equal(4, queries.Count);
        Assert.All(queries, q => Assert.Contains("start=1735808400 end=1735815600 step=180", q));
    }

    [Fact]
    public async Task A_job_that_never_ran_has_a_clear_error()
    {
        var (exit, stdout, stderr) = await env.Jobstats(["timeline", "1010"], Now);
        Assert.Equal((1, ""), (exit, stdout));
        Assert.Contains("Job 1010 never started (state CANCELLED)", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public async Task A_job_older_than_the_retention_is_refused_with_the_reason()
    {
        var old = new Dictionary<string, string> { ["JOBSTATS_NOW"] = (FixtureJobs.T0 + 82800 + 20 * 86400).ToString(CultureInfo.InvariantCulture) };
        var (exit, stdout, stderr) = await env.Jobstats(["timeline", "1020"], old);
        Assert.Equal((1, ""), (exit, stdout));
        Assert.Contains("ended more than 15 days ago", stderr);
    }

    [Fact]
    public async Task A_job_prometheus_has_no_samples_of_says_so()
    {
        var (exit, stdout, stderr) = await env.Jobstats(["timeline", "1006"], Now);
        Assert.Equal((1, ""), (exit, stdout));
        Assert.Contains("has no samples of it", stderr);
    }

    [Fact]
    public async Task Prometheus_down_is_an_error_not_a_trace()
    {
        var (exit, stdout, stderr) = await env.Jobstats(["timeline", "--prometheus", "http://127.0.0.1:9", "--timeout", "3", "1020"], Now);
        Assert.Equal((1, ""), (exit, stdout));
        Assert.Contains("cannot reach Prometheus at http://127.0.0.1:9", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public async Task With_a_grafana_url_the_timeline_ends_with_a_link_to_the_job_dashboard_over_its_run()
    {
        using var dir = new Jobstats.Testing.TempDirectory("jobstats-timeline-");
        string config = System.IO.Path.Combine(dir.Path, "jobstats.yaml");
        await File.WriteAllTextAsync(config, $"prometheus:\n  url: {env.PrometheusUrl}\ngrafana:\n  url: https://grafana.example.org/\n", TestContext.Current.CancellationToken);
        var variables = new Dictionary<string, string>(Now) { ["JOBSTATS_CONFIG"] = config };
        var (exit, stdout, stderr) = await env.Jobstats(["timeline", "-w", "100", "1020"], variables);
        Assert.Equal(("", 0), (stderr, exit));
        Assert.EndsWith("\nIn Grafana while Prometheus keeps the job: https://grafana.example.org/d/jobstats-single-job/" +
                        "?var-cluster=lab&var-jobid=1020&from=1735808400000&to=1735815600000\n", stdout);
    }
}
