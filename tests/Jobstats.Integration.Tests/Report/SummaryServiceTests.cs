using System.Diagnostics;
using System.Net;
using Jobstats.Core.Summary;
using Jobstats.Testing;

namespace Jobstats.Integration.Tests.Report;

/// <summary>
/// The published jobstats-summaries against the real Prometheus of the report fixture and the fake sacct/sacctmgr:
/// the queued path stores exactly what `jobstats store` would, serves metrics promtool accepts, and stops cleanly.
/// </summary>
[Collection(ReportCollection.Name)]
public sealed class SummaryServiceTests(ReportEnvironment env) : IDisposable
{
    private readonly TempDirectory _state = new("jobstats-service-");
    private readonly string _program = Repository.PublishedProgram("jobstats-summaries");

    public void Dispose() => _state.Dispose();

    private string Config(int metricsPort = 0)
    {
        string path = _state.Combine("jobstats.yaml");
        File.WriteAllText(path, File.ReadAllText(env.ConfigPath) + $"""

            summaries:
              spool_dir: {_state.Path}/spool
              backfill_interval_minutes: 0
              metrics_listen: "{(metricsPort == 0 ? "" : $"127.0.0.1:{metricsPort}")}"
            """);
        return path;
    }

    private Dictionary<string, string> Environment(string config) => new()
    {
        ["FAKE_SLURM_STATE"] = _state.Path,
        ["FAKE_SACCTMGR_VERSION"] = "23.11.1",
        ["FAKE_SACCT_LOG"] = _state.Combine("calls.log"),
        ["JOBSTATS_CONFIG"] = config,
    };

    [Fact]
    public async Task Queued_jobs_get_the_summary_jobstats_store_would_write_with_one_slurm_process_per_step()
    {
        string config = Config();
        var jobs = new[] { "1001", "1002", "1003", "1006" };
        foreach (string job in jobs)
        {
            var queued = await env.Run(_program, ["queue", "-c", "lab", job], Environment(config));
            Assert.True(queued.ExitCode == 0, queued.Stderr);
        }
        var round = await env.Run(_program, ["serve", "--once"], Environment(config));
        Assert.True(round.ExitCode == 0, round.Stderr);
        string[] calls = File.ReadAllLines(_state.Combine("calls.log"));

        foreach (string job in jobs)
        {
            string stored = File.ReadAllText(_state.Combine("admincomment." + job));
            var read = SummaryCodec.Read(stored);
            Assert.True(read.Kind is SummaryKind.Usage or SummaryKind.NoData, $"job {job}: {stored}");
            // The per-job path, asked afresh, computes the same figures (the order of a node's GPUs follows the order
            // Prometheus lists series in, which it does not fix).
            var dryRun = await env.Jobstats(["store", "--dry-run", job], Environment(config));
            Assert.Equal(Pretty(dryRun.Stdout.Trim()), Pretty(stored));
        }
        Assert.Empty(Directory.GetFiles(_state.Combine("spool", "queue")));
        // -V; one lookup; one SLUID question (refused, as before Slurm 26); one sacctmgr -i; one read-back.
        Assert.Equal(2, calls.Count(c => c.StartsWith("sacctmgr", StringComparison.Ordinal)));
        Assert.Equal(3, calls.Count(c => !c.StartsWith("sacctmgr", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_service_serves_metrics_promtool_accepts_and_stops_on_sigterm_with_exit_0()
    {
        int port = FreePort.Next();
        string config = Config(port);
        Assert.Equal(0, (await env.Run(_program, ["queue", "-c", "lab", "1001"], Environment(config))).ExitCode);
        // squeue's answer for the owners of running jobs: one good line, one whose user would break out of its label.
        string squeueDir = _state.Combine("squeue-bin");
        Directory.CreateDirectory(squeueDir);
        File.WriteAllText(_state.Combine("squeue.out"), "101|alice|physics|cpu\n102|bob\"} 1|chem|gpu\n");
        File.WriteAllText(Path.Combine(squeueDir, "squeue"), $"#!/bin/sh\necho \"$*\" >> '{_state.Combine("squeue.log")}'\ncat '{_state.Combine("squeue.out")}'\n");
        File.SetUnixFileMode(Path.Combine(squeueDir, "squeue"), UnixFileMode.UserRead | UnixFileMode.UserExecute);
        var start = new ProcessStartInfo(_program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("serve");
        start.Environment["PATH"] = squeueDir + ":" + Path.Combine(env.WorkDir, "bin") + ":" + System.Environment.GetEnvironmentVariable("PATH");
        start.Environment["FAKE_SACCT_ROWS"] = Path.Combine(env.FixtureDir, "sacct");
        foreach (var (k, v) in Environment(config)) start.Environment[k] = v;
        using var service = Process.Start(start)!;
        var stderr = service.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        try
        {
            string metrics = await ScrapeWhenStoredAsync(port, "jobstats_summaries_job_info_jobs 1");
            Assert.Contains("jobstats_summaries_stored_total{kind=\"usage\"} 1", metrics, StringComparison.Ordinal);
            Assert.Contains("jobstats_summaries_queue_entries 0", metrics, StringComparison.Ordinal);
            Assert.Contains("jobstats_job_info{jobid=\"101\",user=\"alice\",account=\"physics\",partition=\"cpu\"} 1", metrics, StringComparison.Ordinal);
            Assert.DoesNotContain("bob", metrics, StringComparison.Ordinal);
            Assert.Contains("jobstats_summaries_job_info_refused_lines 1", metrics, StringComparison.Ordinal);
            Assert.Contains("jobstats_summaries_job_info_failing 0", metrics, StringComparison.Ordinal);
            Assert.Contains("jobstats_summaries_slurm_commands_total{program=\"squeue\"}", metrics, StringComparison.Ordinal);
            Assert.Equal("--noheader --all --states=RUNNING --format=%A|%u|%a|%P", File.ReadAllLines(_state.Combine("squeue.log"))[0]);
            string file = _state.Combine("metrics.txt");
            await File.WriteAllTextAsync(file, metrics, TestContext.Current.CancellationToken);
            var lint = await RealProcess.RunAsync("sh", ["-c", "promtool check metrics < \"$1\"", "sh", file], cancellationToken: TestContext.Current.CancellationToken);
            Assert.True(lint.ExitCode == 0 && lint.StandardOutput.Trim().Length == 0 && lint.StandardError.Trim().Length == 0,
                lint.StandardOutput + lint.StandardError);
        }
        finally
        {
            Assert.Equal(0, (await RealProcess.RunAsync("kill", ["-TERM", service.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)],
                cancellationToken: TestContext.Current.CancellationToken)).ExitCode);
            await service.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        }
        Assert.Equal(0, service.ExitCode);
        Assert.Contains("summary service stopped", await stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Killed_in_the_middle_of_a_round_the_service_loses_nothing()
    {
        string config = Config();
        var jobs = new[] { "1001", "1002", "1003", "1006" };
        foreach (string job in jobs) Assert.Equal(0, (await env.Run(_program, ["queue", "-c", "lab", job], Environment(config))).ExitCode);
        var start = new ProcessStartInfo(_program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("serve");
        start.Environment["PATH"] = Path.Combine(env.WorkDir, "bin") + ":" + System.Environment.GetEnvironmentVariable("PATH");
        start.Environment["FAKE_SACCT_ROWS"] = Path.Combine(env.FixtureDir, "sacct");
        start.Environment["FAKE_SACCTMGR_DELAY"] = "2";
        foreach (var (k, v) in Environment(config)) start.Environment[k] = v;
        using (var service = Process.Start(start)!)
        {
            // Killed (as by the OOM killer or a power cut) while its sacctmgr is writing the batch: nothing was read back.
            string calls = _state.Combine("calls.log");
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (!(File.Exists(calls) && File.ReadAllLines(calls).Contains("sacctmgr -i")) && DateTime.UtcNow < deadline)
                await Task.Delay(50, TestContext.Current.CancellationToken);
            service.Kill();
            await service.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
        string queue = _state.Combine("spool", "queue");
        Assert.Equal(jobs.Length, Directory.GetFiles(queue).Length);
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);

        // Started again, it finds what the interrupted batch did and finishes the rest.
        var again = await env.Run(_program, ["serve", "--once"], Environment(config));
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Empty(Directory.GetFiles(queue));
        Assert.Empty(Directory.GetFiles(_state.Combine("spool", "tmp")));
        Assert.Empty(Directory.GetFiles(_state.Combine("spool", "bad")));
        foreach (string job in jobs)
        {
            var read = SummaryCodec.Read(File.ReadAllText(_state.Combine("admincomment." + job)));
            Assert.True(read.Kind is SummaryKind.Usage or SummaryKind.NoData, $"job {job}: {read.Kind}");
        }
    }

    [Theory]
    [InlineData("12_3")]
    [InlineData("$(id)")]
    [InlineData("../../etc/passwd")]
    public async Task The_epilogs_queue_command_refuses_anything_but_a_raw_id_and_writes_nothing(string job)
    {
        string config = Config();
        var queued = await env.Run(_program, ["queue", "-c", "lab", job], Environment(config));
        Assert.Equal(1, queued.ExitCode);
        Assert.StartsWith("jobstats-summaries: ", queued.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_state.Combine("spool", "queue")) && Directory.GetFiles(_state.Combine("spool", "queue")).Length > 0);
    }

    private static string Pretty(string value) => SummaryCodec.Read(value) is { Kind: SummaryKind.Usage } read
        ? NodeDictionaryJson.WritePretty(read.Usage!, read.TotalTime!.Value, read.Gpus!.Value)
        : value;

    private static async Task<string> ScrapeWhenStoredAsync(int port, string? alsoWaitFor = null)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        string last = "";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await http.GetStringAsync($"http://127.0.0.1:{port}/metrics");
                if (last.Contains("jobstats_summaries_queue_entries 0", StringComparison.Ordinal) &&
                    last.Contains("stored_total{kind=\"usage\"} 1", StringComparison.Ordinal) &&
                    (alsoWaitFor is null || last.Contains(alsoWaitFor, StringComparison.Ordinal))) return last;
            }
            catch (HttpRequestException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException($"the service never reported the job stored:\n{last}");
    }
}
