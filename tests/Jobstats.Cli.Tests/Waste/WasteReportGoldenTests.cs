using System.Globalization;
using Jobstats.Fleet.Cli.Waste;
using Jobstats.Core.Config;
using Jobstats.Core.Model;
using Jobstats.Core.Summary;
using Jobstats.Hosting;
using Jobstats.Processes;
using Jobstats.Slurm.Accounting;
using Jobstats.Testing;

namespace Jobstats.Cli.Tests.Waste;

/// <summary>
/// <c>jobstats waste</c> over one week, its jobs given by a fake sacct (one call) whose AdminComments hold real summaries,
/// compared with golden files in tests/fixtures/waste. Why each figure is right:
///
/// 2001 alice/physics: 4 GPUs at 80, 0, 0, 60 % for 10 h: 40 GPU-h, 14 used (mean 35 %), 20 at 0 % (two idle GPUs);
///   16 cores at 50 %: 160 CPU-h, 80 unused; 64 of 256 GiB (25 % &lt; 70): 192 GiB × 10 h = 1920 GB-h; 10 h of a 24 h limit
///   (42 %, above the red 10 %): no time-limit line.
/// 2002 alice/physics: 8 cores at 30 % for 2 h: 16 CPU-h, 11.2 unused (30 &lt; 65: low-cpu-efficiency); 2 h of 48 h = 4 %
///   (≤ 10): 46 limit-hours unused; memory 30 of 32 GiB: fine.
/// 2003 bob/chem: 2 GPUs at 95 and 90 % for 5 h: 10 GPU-h, 9.25 used; nothing counts.
/// 2004 bob/chem: TIMEOUT without a summary: 4 CPU-h allocated, no figures, counted as without data.
/// 2005 carol/physics: 1 GPU at 5 % for 3 h: 3 GPU-h, 0.15 used, 2.85 unused (5 &lt; 15: low-gpu-utilization); 8 of 32 GiB
///   (25 %): 24 GiB × 3 h = 72 GB-h.
/// 2006 ended before the period: sacct lists it (it was in an ended state during the window), the report leaves it out.
/// Users worst first by the first rule (GPU-h at 0 %): alice 20, then bob and carol at 0, ordered by unused CPU-hours
/// (carol 1.2 of 12, bob 0), accounts: physics (alice + carol) before chem.
/// </summary>
public class WasteReportGoldenTests
{
    private const long Since = 1767571200; // 2026-01-05 00:00 UTC
    private const long Until = 1768176000; // 2026-01-12 00:00 UTC
    private const double GiB = 1024.0 * 1024 * 1024;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static string Fixture(string name) => Repository.Path("tests", "fixtures", "waste", name);

    private static string Summary(int cores, double hours, double cpuEfficiency, double memGiB, double usedGiB, params double[] gpuUtil)
    {
        var usage = new JobUsage();
        var node = usage.Node("node-01");
        node.Cpus = Figure.Integer(cores);
        node.TotalTime = Figure.Integer((long)Math.Round(cores * hours * 3600 * cpuEfficiency));
        node.TotalMemory = Figure.Integer((long)(memGiB * GiB));
        node.UsedMemory = Figure.Integer((long)(usedGiB * GiB));
        if (gpuUtil.Length > 0)
        {
            node.GpuUtilization = new OrderedDictionary<string, Figure>();
            for (int i = 0; i < gpuUtil.Length; i++) node.GpuUtilization[i.ToString(CultureInfo.InvariantCulture)] = Figure.Float(gpuUtil[i]);
        }
        return SummaryCodec.Encode(usage, (long)(hours * 3600), gpuUtil.Length, caseSafe: false);
    }

    private static string Row(string id, string user, string account, string state, long start, double hours, int cores, int gpus,
        long limitMinutes, string summary) =>
        $"{id}|{id}|{start}|{start + (long)(hours * 3600)}|lab|billing={cores},cpu={cores}{(gpus > 0 ? $",gres/gpu={gpus}" : "")},mem=64G,node=1|" +
        $"{summary}|{user}|{account}|{state}|1|{cores}|64G|normal|{(gpus > 0 ? "gpu" : "cpu")}|{limitMinutes}|job{id}\n";

    private static readonly string SacctOutput = string.Concat(
        Row("2001", "alice", "physics", "COMPLETED", Since + 86400, 10, 16, 4, 1440, Summary(16, 10, 0.5, 256, 64, 80, 0, 0, 60)),
        Row("2002", "alice", "physics", "COMPLETED", Since + 2 * 86400, 2, 8, 0, 2880, Summary(8, 2, 0.3, 32, 30)),
        Row("2003", "bob", "chem", "COMPLETED", Since + 3 * 86400, 5, 8, 2, 360, Summary(8, 5, 1.0, 64, 50, 95, 90)),
        Row("2004", "bob", "chem", "TIMEOUT", Since + 4 * 86400, 1, 4, 0, 60, ""),
        Row("2005", "carol", "physics", "COMPLETED", Since + 5 * 86400, 3, 4, 1, 240, Summary(4, 3, 0.9, 32, 8, 5)),
        Row("2006", "dave", "chem", "COMPLETED", Since - 86400, 2, 4, 0, 240, Summary(4, 2, 0.9, 32, 8)));

    private static async Task<(int Exit, string Stdout, RecordingProcessRunner Runner, string Stderr)> RunAsync(WasteFormat format, bool mail = false, bool send = false)
    {
        var runner = new RecordingProcessRunner(r => r.FileName == "sacct" ? RecordingProcessRunner.Ok(SacctOutput) : RecordingProcessRunner.Ok());
        var config = ConfigLoader.Parse("mail: { from: hpc-support@example.org, domain: example.org }", "jobstats.yaml");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var reporter = new WasteReporter(config, new SacctJobLists(runner, TimeSpan.FromSeconds(5)), new Sendmail(runner, config.Mail.Sendmail, TimeSpan.FromSeconds(5)),
            new Log(stderr, false, null), stdout, TimeZoneInfo.Utc);
        int exit = await reporter.RunAsync(new WasteRequest(Since, Until, null, format, mail, send), Ct);
        return (exit, stdout.ToString(), runner, stderr.ToString());
    }

    [Theory]
    [InlineData("text", "week.txt")]
    [InlineData("csv", "week.csv")]
    [InlineData("json", "week.json")]
    public async Task The_report_of_a_week_matches_golden_from_one_sacct_call(string format, string golden)
    {
        var (exit, stdout, runner, stderr) = await RunAsync(format switch { "csv" => WasteFormat.Csv, "json" => WasteFormat.Json, _ => WasteFormat.Text });
        Assert.Equal((0, ""), (exit, stderr));
        var call = Assert.Single(runner.Requests);
        Assert.Equal("sacct -P -X -n -a -o jobid,jobidraw,start,end,cluster,alloctres,admincomment,user,account,state,nnodes,ncpus,reqmem,qos,partition,timelimitraw,jobname " +
            "-s CA,CD,DL,F,NF,OOM,PR,TO -S 2026-01-05T00:00:00 -E 2026-01-12T00:00:00", call.ToString());
        Assert.Equal("UTC", call.Environment["TZ"]);
        Assert.Equal(GoldenFile.Expected(Fixture(golden), stdout), stdout);
    }

    [Fact]
    public async Task Letters_are_shown_not_sent_by_default_each_with_the_users_own_lines()
    {
        var (exit, stdout, runner, stderr) = await RunAsync(WasteFormat.Text, mail: true);
        Assert.Equal(0, exit);
        Assert.Equal(["sacct"], runner.Requests.Select(r => r.FileName));
        // alice and carol counted against rules; bob did not, and gets no letter.
        Assert.DoesNotContain("To: bob@example.org", stdout);
        Assert.Contains("dry run: 2 letters shown above, none sent", stderr);
        Assert.Equal(GoldenFile.Expected(Fixture("letters.txt"), stdout), stdout);
    }

    [Fact]
    public async Task With_send_each_letter_goes_to_sendmail()
    {
        var (exit, stdout, runner, stderr) = await RunAsync(WasteFormat.Text, mail: true, send: true);
        Assert.Equal((0, ""), (exit, stdout));
        var mails = runner.Requests.Where(r => r.FileName == "/usr/sbin/sendmail").ToList();
        Assert.Equal(2, mails.Count);
        Assert.All(mails, m => Assert.Equal(["-t", "-oi"], m.Arguments));
        Assert.Contains("To: alice@example.org\n", System.Text.Encoding.UTF8.GetString(mails[0].StandardInput!.Value.Span));
        Assert.Contains("2 of 2 letters sent", stderr);
    }
}
