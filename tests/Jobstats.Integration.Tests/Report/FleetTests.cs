using System.Globalization;
using System.Text.Json;
using Jobstats.Testing;

namespace Jobstats.Integration.Tests.Report;

/// <summary>
/// `jobstats ls` and `jobstats array` as published, against the real Prometheus of the report tests (whose history
/// holds the running jobs 1003 and 1004) and a fake sacct printing tests/fixtures/fleet/listing.txt. Why each figure in
/// the golden files is right is written in tests/fixtures/fleet/make-listing.py and below.
/// </summary>
[Collection(ReportCollection.Name)]
public sealed class FleetTests(ReportEnvironment env) : IDisposable
{
    private readonly TempDirectory _bin = new("jobstats-fleet-");
    private static string FleetFixtures => Path.Combine(Repository.Root, "tests", "fixtures", "fleet");

    public void Dispose() => _bin.Dispose();

    private Task<(int ExitCode, string Stdout, string Stderr)> Jobstats(string listing, params string[] args)
    {
        string sacct = Path.Combine(_bin.Path, "sacct");
        if (!File.Exists(sacct)) File.CreateSymbolicLink(sacct, Path.Combine(FleetFixtures, "fake-sacct"));
        return env.Jobstats(args, new Dictionary<string, string>
        {
            ["PATH"] = _bin.Path + ":" + Environment.GetEnvironmentVariable("PATH"),
            ["FAKE_FLEET_LISTING"] = Path.Combine(FleetFixtures, listing),
            ["FAKE_SACCT_LOG"] = Path.Combine(_bin.Path, "sacct.log"),
            ["JOBSTATS_NOW"] = FixtureJobs.RunningNow.ToString(CultureInfo.InvariantCulture),
        });
    }

    private string[] SacctCalls() => File.ReadAllLines(Path.Combine(_bin.Path, "sacct.log"));

    // 1005: the reference summary (tiger2). 1003, running for 2.5 h at "now": 28800 CPU-s of 9000 s × 16 cores = 20 %,
    // memory 32 of 128 GiB = 25 %, GPUs (90+80+70+0)/4 = 60 %, GPU memory 70 of 320 GiB = 22 %, time 9000 s of 240 min
    // = 62.5 → 62 % (half-even). 1004: 95 % CPU, 75 % memory, 30 of 60 min. 1009 (foreign AdminComment), 1015 and
    // 1017 from sacct's TotalCPU and MaxRSS; 1010 never started; 1016 pending; 1017's user and name hold escapes.
    [Fact]
    public async Task The_table_matches_golden_with_running_jobs_measured_live_and_escapes_shown()
    {
        var (exit, stdout, stderr) = await Jobstats("listing.txt", "ls", "-a");
        Assert.Equal(("", 0), (stderr, exit));
        Assert.DoesNotContain('\u001b', stdout);
        Assert.DoesNotContain('\u0007', stdout);
        Golden.Match(env, "fleet-table.txt", stdout);
    }

    [Fact]
    public async Task Finished_jobs_come_from_one_sacct_call_and_running_ones_from_one_query_per_figure()
    {
        var (exit, _, stderr) = await Jobstats("listing.txt", "ls", "-a", "-d");
        Assert.Equal(0, exit);
        var calls = SacctCalls();
        // The listing, then the SLUID question for the two running jobs (refused: Slurm before 26).
        Assert.Equal(2, calls.Length);
        Assert.Contains("-o jobid,jobidraw,", calls[0]);
        Assert.Contains("-j 1003,1004", calls[1]);
        var queries = stderr.Split('\n').Where(l => l.StartsWith("debug: query ", StringComparison.Ordinal)).ToList();
        // Four cgroup figures and three GPU figures, each once for both jobs.
        Assert.Equal(7, queries.Count);
        Assert.All(queries, q => Assert.Contains("jobid=~'1003|1004'", q));
    }

    [Theory]
    [InlineData("csv", "fleet-table.csv")]
    [InlineData("json", "fleet-table.json")]
    public async Task Csv_and_json_match_golden(string format, string golden)
    {
        var (exit, stdout, stderr) = await Jobstats("listing.txt", "ls", "-a", "--format", format);
        Assert.Equal(("", 0), (stderr, exit));
        Assert.DoesNotContain('\u001b', stdout);
        Golden.Match(env, golden, stdout);
        if (format != "json") return;
        using var doc = JsonDocument.Parse(stdout);
        var jobs = doc.RootElement.GetProperty("jobs").EnumerateArray().ToDictionary(j => j.GetProperty("job_id").GetString()!);
        Assert.Equal(60, jobs["1003"].GetProperty("gpu_utilization").GetInt64());
        Assert.Equal("prometheus", jobs["1003"].GetProperty("source").GetString());
        Assert.Equal(75.0, jobs["1009"].GetProperty("cpu_efficiency").GetDouble());
        Assert.Equal("sacct", jobs["1009"].GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.Null, jobs["1016"].GetProperty("cpu_efficiency").ValueKind);
    }

    // Tasks 1-6 from summaries, 7 (FAILED) and 8 (TIMEOUT) from sacct, 9-12 pending in one row (12 tasks, 4 pending):
    // the figures are in make-listing.py. CPU 95 88 72 61 40 12 20 25 (median (40+61)/2 = 50.5 → 51 %); GPU only the
    // six with summaries: 91 85 48 33 2 0.
    [Fact]
    public async Task An_array_at_a_glance_matches_golden()
    {
        var (exit, stdout, stderr) = await Jobstats("listing.txt", "array", "2000");
        Assert.Equal(("", 0), (stderr, exit));
        Assert.True(stdout.All(c => c < 128), "piped output is ASCII");
        Golden.Match(env, "fleet-array.txt", stdout);
        Assert.Equal(["-j 2000"], SacctCalls().Select(c => c[c.IndexOf("-j", StringComparison.Ordinal)..]));
    }

    [Fact]
    public async Task A_job_that_is_not_an_array_is_sent_to_the_report()
    {
        var (exit, stdout, stderr) = await Jobstats("listing.txt", "array", "1009");
        Assert.Equal((1, ""), (exit, stdout));
        Assert.Contains("Job 1009 is not an array job; `jobstats 1009` reports it.", stderr);
    }

    [Fact]
    public async Task Malformed_sacct_lines_are_skipped_with_a_warning_never_a_trace()
    {
        var (exit, stdout, stderr) = await Jobstats("listing-malformed.txt", "ls", "-a");
        Assert.Equal(0, exit);
        Assert.Contains("skipped a line of sacct's output: line 2 has 3 fields where 19 were asked for", stderr);
        Assert.Contains("skipped a line of sacct's output: line 4 is step 1099.batch, which does not follow its job", stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.Matches(@"(?m)^1009 +erin ", stdout);
        Assert.Matches(@"(?m)^1015 +frank ", stdout);
        Assert.EndsWith("2 jobs: 2 from Slurm accounting (\"sacct\": TotalCPU and MaxRSS, no GPU figures).\n", stdout);
    }

    [Theory]
    [InlineData("--since", "yesterday;rm -rf", "--since \"yesterday;rm -rf\" is not a time sacct knows")]
    [InlineData("--user", "a b", "--user \"a b\" is not a list of names")]
    public async Task Bad_options_are_refused_before_sacct_runs(string option, string value, string message)
    {
        var (exit, stdout, stderr) = await Jobstats("listing.txt", "ls", option, value);
        Assert.Equal((2, ""), (exit, stdout));
        Assert.Contains(message, stderr);
        Assert.False(File.Exists(Path.Combine(_bin.Path, "sacct.log")));
    }
}
