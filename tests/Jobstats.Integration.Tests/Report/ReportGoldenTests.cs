using System.Globalization;
using System.Text.Json;
using Jobstats.Core.Summary;

namespace Jobstats.Integration.Tests.Report;

/// <summary>
/// The published jobstats against a real Prometheus (TSDB built by promtool) and a fake sacct, compared with
/// golden files. Why each figure in the golden files is right is explained in <see cref="FixtureJobs"/> and below.
/// </summary>
[Collection(ReportCollection.Name)]
public class ReportGoldenTests(ReportEnvironment env)
{
    [Theory]
    // 1001: 80 % CPU (03:12:00 of 04:00:00); 3.2GB/8GB memory (41 %); notes: 50 % of the time limit and an
    // excess-memory hint with --mem=4G (1.2 × 3.25 GB rounded up). The job name keeps its '|'.
    [InlineData("1001", "single-node-cpu.txt")]
    // 1002: cpu-001 used 50400 of 57600 s (87.5 %), cpu-002 none, so overall 43.75 % → 43.8 % → meter 43 (truncated);
    // memory 6.1 GB of 32 GB = 19 % (cpu-002's 100 MB included); note on the unused node.
    [InlineData("1002", "multi-node-idle-node.txt")]
    // 1003: GPU mean (90+80+70+0)/4 = 60 %; GPU memory 70 of 320 GiB = 21.875 → 22 %; GPU 3 is flagged.
    [InlineData("1003", "gpu-idle-gpu.txt")]
    // 1011: MIG slices of one GPU stay apart as "GPU 0.1" and "GPU 0.2" instead of overwriting each other.
    [InlineData("1011", "mig-slices.txt")]
    // 1012: NaN GPU utilization from the exporter: "not known" and the fixed notes, no crash, no "nan%".
    [InlineData("1012", "gpu-nan.txt")]
    // 1014: Hopper GPUs with GPM series: the GPU activity section (SM, tensor, DRAM); GPU 1 has no tensor figure.
    [InlineData("1014", "gpu-activity.txt")]
    // 1005: no series in Prometheus; everything comes from the AdminComment summary (the reference job).
    [InlineData("1005", "summary-only.txt")]
    // 1007: 45 s and one sample: 25 of 45 CPU-s = 55.6 %; the few-samples note says the figures are thin.
    [InlineData("1007", "shorter-than-two-samples.txt")]
    // 1008: 20 s and no samples at all: the metadata and a note on why there is nothing else; exit 0.
    [InlineData("1008", "short-no-data.txt")]
    public async Task Text_report_matches_golden(string jobId, string golden)
    {
        var (exit, stdout, stderr) = await env.Jobstats([jobId]);
        Assert.Equal("", stderr);
        Assert.Equal(0, exit);
        Golden.Match(env, golden, stdout);
    }

    [Fact]
    public async Task Debug_explains_an_ignored_nan()
    {
        var (exit, _, stderr) = await env.Jobstats(["-d", "1012"]);
        Assert.Equal(0, exit);
        Assert.Contains("ignoring GpuUtilization = NaN for dgx-003", stderr);
    }

    [Fact]
    public async Task Running_job_is_measured_up_to_now()
    {
        // Now is pinned to 30 min after the start: 3420 of 3600 CPU-s = 95 %, 1.5 of 2 GiB = 75 %.
        var (exit, stdout, stderr) = await env.Jobstats(["1004"],
            new Dictionary<string, string> { ["JOBSTATS_NOW"] = FixtureJobs.RunningNow.ToString(CultureInfo.InvariantCulture) });
        Assert.Equal(("", 0), (stderr, exit));
        Assert.Contains("       Run Time: 00:30:00 (in progress)\n", stdout);
        Golden.Match(env, "running.txt", stdout);
    }

    [Fact]
    public async Task Job_without_data_fails_with_a_reason()
    {
        var (exit, stdout, stderr) = await env.Jobstats(["1006"]);
        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.Contains("No utilization data was found for job 1006", stderr);
        Assert.Contains(env.PrometheusUrl, stderr);
    }

    [Fact]
    public async Task Json_report_matches_golden_and_carries_the_figures()
    {
        var (exit, stdout, stderr) = await env.Jobstats(["--format", "json", "1003"]);
        Assert.Equal(("", 0), (stderr, exit));
        Golden.Match(env, "gpu-idle-gpu.json", stdout);
        using var doc = JsonDocument.Parse(stdout);
        var job = doc.RootElement.GetProperty("jobs")[0];
        var overall = job.GetProperty("overall");
        Assert.Equal(50.0, overall.GetProperty("cpu_efficiency").GetDouble());
        Assert.Equal(60.0, overall.GetProperty("gpu_utilization").GetDouble());
        Assert.Equal(22, overall.GetProperty("gpu_memory_efficiency").GetInt64());
        Assert.Equal("prometheus", job.GetProperty("source").GetString());
        Assert.Equal(4, job.GetProperty("node_details")[0].GetProperty("gpus").GetArrayLength());
        Assert.Contains("unused-gpus", job.GetProperty("notes").EnumerateArray().Select(n => n.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Json_report_lists_failed_ids_as_errors()
    {
        var (exit, stdout, _) = await env.Jobstats(["--format", "json", "1001", "1006"]);
        Assert.Equal(1, exit);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal("1001", doc.RootElement.GetProperty("jobs")[0].GetProperty("job_id").GetString());
        Assert.Equal("1006", doc.RootElement.GetProperty("errors")[0].GetProperty("job_id").GetString());
    }

    [Fact]
    public async Task Node_dictionary_json_matches_golden_and_debug_stays_on_stderr()
    {
        var (exit, stdout, stderr) = await env.Jobstats(["-d", "-j", "1003"]);
        Assert.Equal(0, exit);
        Assert.Contains("debug: query GpuUtilization", stderr);
        Golden.Match(env, "gpu-idle-gpu.nodes.json", stdout);
    }

    [Fact]
    public async Task Node_dictionary_of_a_hopper_job_carries_the_activity_keys_after_upstreams()
    {
        var (exit, stdout, stderr) = await env.Jobstats(["-j", "1014"]);
        Assert.Equal(("", 0), (stderr, exit));
        Golden.Match(env, "gpu-activity.nodes.json", stdout);
    }

    [Theory]
    [InlineData("1003")]
    [InlineData("1001")]
    [InlineData("1005")]
    [InlineData("1014")]
    public async Task Base64_output_decodes_back_to_the_same_node_dictionary(string jobId)
    {
        var (exitB, b64, _) = await env.Jobstats(["-b", jobId]);
        var (exitJ, json, _) = await env.Jobstats(["-j", jobId]);
        Assert.Equal((0, 0), (exitB, exitJ));
        Assert.StartsWith("H4sI", b64);
        var decoded = SummaryCodec.Read("JS1:" + b64.Trim());
        Assert.Equal(SummaryKind.Usage, decoded.Kind);
        Assert.Equal(json, NodeDictionaryJson.WritePretty(decoded.Usage!, decoded.TotalTime!.Value, decoded.Gpus!.Value) + "\n");
    }

    [Theory]
    [InlineData("1008", "Short")]   // 20 s < 2 × 30 s
    [InlineData("1007", "Short")]   // 45 s: still under two sampling periods, even though one sample exists
    [InlineData("1006", "None")]    // long enough, but nothing in Prometheus
    public async Task Base64_literals_for_short_and_empty_jobs(string jobId, string literal)
    {
        var (exit, stdout, _) = await env.Jobstats(["-b", jobId]);
        Assert.Equal((0, literal + "\n"), (exit, stdout));
    }

    [Fact]
    public async Task Array_master_id_names_its_tasks()
    {
        var (exit, stdout, stderr) = await env.Jobstats(["1100"]);
        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.Contains("array job with tasks 1100_1 1100_2 1100_3", stderr);
        Assert.Contains("jobstats 1100_1", stderr);
    }

    [Fact]
    public async Task A_bad_id_does_not_stop_the_others_and_never_reaches_sacct()
    {
        string hostile = "1' or jobid=~\".*\"";
        var (exit, stdout, stderr) = await env.Jobstats(["1001", hostile, "1002"]);
        Assert.Equal(1, exit);
        Assert.Contains("is not a Slurm job id", stderr);
        Assert.Contains("Job ID: 1001", stdout);
        Assert.Contains("Job ID: 1002", stdout);
        Assert.DoesNotContain("jobid=~", File.ReadAllText(env.SacctLog));
    }

    [Fact]
    public async Task A_report_from_a_stored_summary_runs_sacct_once_and_one_through_prometheus_asks_for_the_sluid()
    {
        string log = Path.Combine(env.WorkDir, $"sacct-calls-{Guid.NewGuid():N}.log");
        Assert.Equal(0, (await env.Jobstats(["1005"], new Dictionary<string, string> { ["FAKE_SACCT_LOG"] = log })).ExitCode);
        Assert.Single(File.ReadAllLines(log));
        File.Delete(log);

        // Prometheus is asked, so the SLUID is too; this sacct, like every one before Slurm 26, refuses the field.
        Assert.Equal(0, (await env.Jobstats(["1001"], new Dictionary<string, string> { ["FAKE_SACCT_LOG"] = log })).ExitCode);
        string[] calls = File.ReadAllLines(log);
        Assert.Equal(2, calls.Length);
        Assert.Contains("-o jobidraw,sluid -j 1001 -M", calls[1]);
        File.Delete(log);
    }

    [Fact]
    public async Task Force_ignores_the_summary_and_asks_prometheus()
    {
        // 1005 has a summary but no series: forced, there is nothing to find.
        var (exit, _, stderr) = await env.Jobstats(["-f", "1005"]);
        Assert.Equal(1, exit);
        Assert.Contains("No utilization data was found for job 1005", stderr);
    }

    [Fact]
    public async Task Unreachable_prometheus_is_a_clear_error()
    {
        var (exit, _, stderr) = await env.Jobstats(["--prometheus", "http://127.0.0.1:9", "--timeout", "3", "1001"]);
        Assert.Equal(1, exit);
        Assert.Contains("cannot reach Prometheus at http://127.0.0.1:9", stderr);
    }

    [Fact]
    public async Task Usage_errors_exit_2()
    {
        Assert.Equal(2, (await env.Jobstats([])).ExitCode);
        Assert.Equal(2, (await env.Jobstats(["--format", "xml", "1001"])).ExitCode);
        Assert.Equal(2, (await env.Jobstats(["--timeout", "-1", "1001"])).ExitCode);
    }

    [Fact]
    public async Task Help_shows_examples_and_version_prints()
    {
        var (exit, stdout, _) = await env.Jobstats(["--help"]);
        Assert.Equal(0, exit);
        Assert.Contains("Examples:", stdout);
        Assert.Contains("jobstats store", stdout);
        var version = await env.Jobstats(["--version"]);
        Assert.Equal(0, version.ExitCode);
        Assert.StartsWith("0.1.0", version.Stdout);
    }

    [Fact]
    public async Task Colour_only_on_a_terminal_and_never_with_no_color()
    {
        // `script` gives jobstats a pseudo-terminal for stdout; the same run piped or with -n has no styling codes.
        // (.NET itself may switch a terminal's keypad mode with "\x1b[?1h"; that is not styling and not visible.)
        var tty = await env.Run("script", ["-qec", $"{env.JobstatsBinary} 1003", "/dev/null"], new Dictionary<string, string> { ["TERM"] = "xterm-256color" });
        Assert.Contains("\x1b[1m", tty.Stdout);
        Assert.Contains("\x1b[31m", tty.Stdout);
        var plainOnTty = await env.Run("script", ["-qec", $"{env.JobstatsBinary} -n 1003", "/dev/null"], new Dictionary<string, string> { ["TERM"] = "xterm-256color" });
        Assert.DoesNotContain("\x1b[1m", plainOnTty.Stdout);
        Assert.DoesNotContain("\x1b[31m", plainOnTty.Stdout);
        var piped = await env.Jobstats(["1003"], new Dictionary<string, string> { ["TERM"] = "xterm-256color" });
        Assert.DoesNotContain("\x1b[", piped.Stdout);
    }
}
