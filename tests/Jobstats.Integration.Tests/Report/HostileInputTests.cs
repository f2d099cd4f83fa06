using System.Diagnostics;
using Jobstats.Testing;

namespace Jobstats.Integration.Tests.Report;

/// <summary>
/// The published jobstats given records and answers that are wrong in ways a probe found: each bad job gets a
/// one-line error (or is reported without the broken figure), the good job next to it is still reported in full, and
/// no stack trace ever reaches the user.
/// </summary>
[Collection(ReportCollection.Name)]
public sealed class HostileInputTests(ReportEnvironment env) : IDisposable
{
    private readonly TempDirectory _dir = new("jobstats-hostile-");

    public void Dispose() => _dir.Dispose();

    private const long Start = FixtureJobs.T0, End = FixtureJobs.T0 + 3600;

    /// <summary>Runs jobstats with job 1001's fixture row, the given extra rows and clusters added to the config.</summary>
    private async Task<(int ExitCode, string Stdout, string Stderr)> Run(string[] args, Dictionary<string, string> rows,
        Dictionary<string, string>? clusters = null, int? maxResponseMiB = null)
    {
        string rowDir = _dir.Combine("rows");
        Directory.CreateDirectory(rowDir);
        File.Copy(Path.Combine(env.FixtureDir, "sacct", "1001.txt"), Path.Combine(rowDir, "1001.txt"), overwrite: true);
        foreach (var (id, cluster) in rows)
            await File.WriteAllTextAsync(Path.Combine(rowDir, id + ".txt"),
                $"{id}|{id}|{Start}|{End}|{cluster}|billing=4,cpu=4,mem=8G,node=1||alice|physics|COMPLETED|1|4|8G|normal|cpu|120|bad\n");
        string config = _dir.Combine("jobstats.yaml");
        string yaml = await File.ReadAllTextAsync(env.ConfigPath);
        if (maxResponseMiB is { } cap) yaml = yaml.Replace("prometheus:\n", $"prometheus:\n  max_response_mib: {cap}\n", StringComparison.Ordinal);
        if (clusters is not null) yaml += "\nclusters:\n" + string.Concat(clusters.Select(c => $"  {c.Key}:\n    prometheus_url: {c.Value}\n"));
        await File.WriteAllTextAsync(config, yaml);
        return await env.Jobstats(args, new Dictionary<string, string> { ["FAKE_SACCT_ROWS"] = rowDir, ["JOBSTATS_CONFIG"] = config });
    }

    private void AssertOnlyOneErrorLineAndTheGoodReport(string badId, (int ExitCode, string Stdout, string Stderr) run, string reason)
    {
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"jobstats: job {badId}: {reason}\n", run.Stderr);
        Golden.Match(env, "single-node-cpu.txt", run.Stdout);
    }

    [Fact]
    public async Task A_cluster_name_that_cannot_go_into_a_query_fails_only_its_job()
    {
        var run = await Run(["2001", "1001"], new() { ["2001"] = "lab'} or {x='" });
        AssertOnlyOneErrorLineAndTheGoodReport("2001", run, "cluster name \"lab'} or {x='\" contains characters that cannot go into a query");
    }

    [Fact]
    public async Task A_label_value_of_the_wrong_json_type_fails_only_its_job()
    {
        await using var prometheus = FakePrometheus.Answering(_ =>
            """{"status":"success","data":{"resultType":"vector","result":[{"metric":{"instance":5,"jobid":"2002"},"value":[1,"4"]}]}}""");
        var run = await Run(["2002", "1001"], new() { ["2002"] = "odd" }, new() { ["odd"] = prometheus.Url });
        AssertOnlyOneErrorLineAndTheGoodReport("2002", run, "label \"instance\" is not a string");
    }

    [Fact]
    public async Task A_sample_of_1e308_is_ignored_like_nan_and_the_next_job_is_still_reported()
    {
        // 1013's GPU duty cycle is 1e308 in the real Prometheus (see FixtureJobs).
        var (exit, stdout, stderr) = await env.Jobstats(["-n", "1013", "1001"]);
        Assert.Equal(("", 0), (stderr, exit));
        Assert.Contains("  GPU utilization  (GPU utilization is not known)\n", stdout);
        Assert.EndsWith(await File.ReadAllTextAsync(Path.Combine(env.FixtureDir, "golden", "single-node-cpu.txt"), TestContext.Current.CancellationToken), stdout);
        var debug = await env.Jobstats(["-d", "1013"]);
        Assert.Contains("ignoring GpuUtilization = 1E+308 for dgx-004: not a usable figure", debug.Stderr);
    }

    [Fact]
    public async Task An_answer_that_never_ends_is_cut_off_at_the_cap_and_the_next_job_is_still_reported()
    {
        await using var prometheus = FakePrometheus.Endless();
        var clock = Stopwatch.StartNew();
        // A small cap keeps the test about the cap, not about how fast a loaded machine moves 64 MiB (the default).
        var run = await Run(["2004", "1001"], new() { ["2004"] = "endless" }, new() { ["endless"] = prometheus.Url }, maxResponseMiB: 4);
        AssertOnlyOneErrorLineAndTheGoodReport("2004", run, $"Prometheus at {prometheus.Url} sent an answer larger than 4 MiB; " +
            "gave up reading it (prometheus.max_response_mib in the config file sets the limit)");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(9), $"took {clock.Elapsed}, the timeout is 10 s");
        // Four queries run at once; each stops reading at 4 MiB (plus what sits in socket buffers).
        Assert.True(prometheus.BytesSent < 4 * 12L * 1024 * 1024, $"{prometheus.BytesSent} bytes were sent");
    }

    [Fact]
    public async Task Timeout_on_the_command_line_bounds_sacct_too()
    {
        string bin = _dir.Combine("bin");
        Directory.CreateDirectory(bin);
        string sacct = Path.Combine(bin, "sacct");
        await File.WriteAllTextAsync(sacct, "#!/bin/sh\nif [ \"$1\" = -V ]; then echo 'slurm 22.05.8'; exit 0; fi\nexec sleep 20\n",
            TestContext.Current.CancellationToken);
        File.SetUnixFileMode(sacct, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var clock = Stopwatch.StartNew();
        var (exit, stdout, stderr) = await env.Jobstats(["--timeout", "2", "1001"],
            new Dictionary<string, string> { ["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH") });
        Assert.Equal((1, ""), (exit, stdout));
        Assert.Equal("jobstats: job 1001: sacct did not answer within 2 s\n", stderr);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
    }
}
