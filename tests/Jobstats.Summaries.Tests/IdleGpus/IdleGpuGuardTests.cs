using Jobstats.Prometheus.Api;
using System.Globalization;
using System.Net;
using System.Text;
using Jobstats.Core.Config;
using Jobstats.Processes;
using Jobstats.Slurm.Accounting;
using Jobstats.Summaries.IdleGpus;
using Jobstats.Summaries.Tests.Service;
using Jobstats.Testing;

namespace Jobstats.Summaries.Tests.IdleGpus;

/// <summary>
/// The idle-GPU action against a real Prometheus serving a TSDB that promtool built (three hours of GPU utilisation
/// ending at <see cref="Now"/>), with sacct, sendmail and scancel faked at the process boundary.
/// </summary>
public sealed class IdleGpuGuardTests : IAsyncLifetime
{
    private const long Now = 1767225600; // 2026-01-01 00:00 UTC
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly TempDirectory _work = new("jobstats-idle-gpus-");
    private ServerProcess? _prometheus;
    private string _url = "";

    // Minutes before Now of each job's last busy sample (null: idle the whole three hours). Samples are a minute apart, so
    // a job last busy at minute 90 has been seen idle since minute 89: 89 minutes.
    private static readonly (string Job, string User, string Partition, string Name, int Gpus, int? BusyUntil)[] Jobs =
    [
        ("501", "alice", "gpu", "train", 2, 90),          // idle 90 min > 60: warned
        ("502", "bob", "gpu", "train", 1, 0),             // busy now
        ("503", "carol", "gpu", "bash", 1, 90),           // interactive: 90 min < 180
        ("504", "dave", "gpu", "train", 1, null),         // excluded user
        ("505", "erin", "debug", "train", 1, null),       // excluded partition
        ("506", "frank", "gpu", "train", 4, null),        // warned 70 min ago, idle since: cancelled
        ("507", "gina", "gpu", "train", 1, 30),           // warned 70 min ago, worked 30 min ago: left alone
    ];

    public async ValueTask InitializeAsync()
    {
        var history = new StringBuilder("# TYPE nvidia_gpu_duty_cycle gauge\n");
        foreach (var job in Jobs)
            for (int gpu = 0; gpu < job.Gpus; gpu++)
                for (int minute = 180; minute >= 0; minute--)
                {
                    int value = job.BusyUntil is int busy && minute >= busy ? 75 : 0;
                    history.Append(CultureInfo.InvariantCulture,
                        $"nvidia_gpu_duty_cycle{{cluster=\"lab\",jobid=\"{job.Job}\",minor_number=\"{gpu}\"}} {value} {Now - minute * 60}\n");
                }
        history.Append("# EOF\n");
        File.WriteAllText(_work.Combine("history.om"), history.ToString());
        (await RealProcess.RunAsync("promtool", ["tsdb", "create-blocks-from", "openmetrics", _work.Combine("history.om"), _work.Combine("tsdb")],
            cancellationToken: Ct)).EnsureSuccess();
        int port = FreePort.Next();
        _url = $"http://127.0.0.1:{port}";
        File.WriteAllText(_work.Combine("prometheus.yml"), "global:\n  scrape_interval: 30s\n");
        _prometheus = ServerProcess.Start("prometheus", [$"--config.file={_work.Combine("prometheus.yml")}", $"--storage.tsdb.path={_work.Combine("tsdb")}",
            "--storage.tsdb.retention.time=100y", $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn"]);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(200, Ct))
        {
            try { if ((await http.GetAsync(_url + "/-/ready", Ct)).StatusCode == HttpStatusCode.OK) return; }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
        }
        throw new TimeoutException("prometheus did not become ready");
    }

    public async ValueTask DisposeAsync()
    {
        if (_prometheus is not null) await _prometheus.DisposeAsync();
        _work.Dispose();
    }

    private static string SacctRows() => string.Concat(Jobs.Select(j =>
        $"{j.Job}|{j.Job}|{Now - 4 * 3600}|Unknown|lab|billing=8,cpu=8,gres/gpu={j.Gpus},mem=64G,node=1||{j.User}|physics|RUNNING|1|8|64G|normal|{j.Partition}|1440|{j.Name}\n"));

    private JobstatsConfig Config(string mode)
    {
        string yaml = $"""
            mail: {"{"} domain: example.org, from: hpc-support@example.org {"}"}
            idle_gpus:
              mode: {mode}
              idle_minutes: 60
              interactive_idle_minutes: 180
              grace_minutes: 60
              exclude_users: [dave]
              exclude_partitions: [debug]
              state_file: {_work.Combine("state", "idle-gpus.json")}
            """;
        return ConfigLoader.Parse(yaml, "jobstats.yaml");
    }

    private async Task<(int Exit, RecordingProcessRunner Runner, RecordingLog Log)> RunAsync(JobstatsConfig config, long now, bool dryRun = false)
    {
        var runner = new RecordingProcessRunner(r => r.FileName == "sacct" ? RecordingProcessRunner.Ok(SacctRows()) : RecordingProcessRunner.Ok());
        var log = new RecordingLog();
        using var http = new HttpClient();
        var guard = new IdleGpuGuard(config, new SacctJobLists(runner, TimeSpan.FromSeconds(5)), runner, new PrometheusConnections(() => http), _url,
            TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5), log);
        int exit = await guard.RunAsync(new IdleGpuRun(null, dryRun, now), Ct);
        return (exit, runner, log);
    }

    private void SeedState(string json)
    {
        Directory.CreateDirectory(_work.Combine("state"));
        File.WriteAllText(_work.Combine("state", "idle-gpus.json"), json);
    }

    private const string WarnedSeventyMinutesAgo = """{"jobs": {"lab/506": {"warned_at": 1767221400}, "lab/507": {"warned_at": 1767221400}, "lab/999": {"warned_at": 1}}}""";

    [Fact]
    public async Task The_default_mode_is_a_dry_run_that_logs_the_actions_and_touches_nothing()
    {
        SeedState(WarnedSeventyMinutesAgo);
        string before = File.ReadAllText(_work.Combine("state", "idle-gpus.json"));
        var (exit, runner, log) = await RunAsync(ConfigLoader.Parse("idle_gpus: { state_file: " + _work.Combine("state", "idle-gpus.json") + " }", "x"), Now);
        Assert.Equal(0, exit);
        Assert.Equal(["sacct"], runner.Requests.Select(r => r.FileName));
        // The default mode never cancels, so 506 is only "warned already"; 501 would be warned.
        Assert.Contains("info: dry run: would warn job 501 (user alice, cluster lab, 2 GPUs): every GPU idle for 89 min (limit 60 min)", log.Lines);
        Assert.DoesNotContain(log.Lines, l => l.Contains("would cancel", StringComparison.Ordinal));
        Assert.Equal(before, File.ReadAllText(_work.Combine("state", "idle-gpus.json")));
    }

    [Fact]
    public async Task Warn_and_cancel_warns_once_cancels_once_and_spares_the_allowed_and_the_excluded()
    {
        SeedState(WarnedSeventyMinutesAgo);
        var config = Config("warn_and_cancel");
        var (exit, runner, log) = await RunAsync(config, Now);
        Assert.Equal(0, exit);

        // sacct once for all running jobs, then: the warning to alice, scancel of 506, the notice to frank.
        var programs = runner.Requests.Select(r => r.FileName + " " + string.Join(' ', r.Arguments)).ToList();
        Assert.Equal(["sacct -P -X -n -a -o jobid,jobidraw,start,end,cluster,alloctres,admincomment,user,account,state,nnodes,ncpus,reqmem,qos,partition,timelimitraw,jobname -s R -S now -E now",
            "/usr/sbin/sendmail -t -oi", "scancel -M lab 506", "/usr/sbin/sendmail -t -oi"], programs);
        string warning = Encoding.UTF8.GetString(runner.Requests[1].StandardInput!.Value.Span);
        Assert.StartsWith("From: hpc-support@example.org\nTo: alice@example.org\nSubject: Slurm job 501: its GPUs have been idle for 89 minutes\n", warning);
        Assert.Contains("every GPU of your job 501 (\"train\", 2 GPU(s), partition gpu, cluster lab) has been", warning);
        string notice = Encoding.UTF8.GetString(runner.Requests[3].StandardInput!.Value.Span);
        Assert.Contains("To: frank@example.org\nSubject: Slurm job 506 was cancelled: its GPUs were idle\n", notice);
        // The two letters as their owners get them (the default templates).
        Assert.Equal(GoldenFile.Expected(Repository.Path("tests", "fixtures", "idle-gpus", "warning-mail.txt"), warning), warning);
        Assert.Equal(GoldenFile.Expected(Repository.Path("tests", "fixtures", "idle-gpus", "cancel-mail.txt"), notice), notice);
        Assert.Contains("info: warned job 501 (user alice, cluster lab, 2 GPUs): every GPU idle for 89 min (limit 60 min)", log.Lines);
        Assert.Contains("info: cancelled job 506 (user frank, cluster lab, 4 GPUs): every GPU idle for 180 min, still idle 70 min after the warning", log.Lines);

        // The state: 501 warned now, 506 cancelled now (its warning kept), 507 still warned, 999 (gone) forgotten.
        string state = File.ReadAllText(_work.Combine("state", "idle-gpus.json"));
        Assert.Contains("\"lab/501\": {\n      \"warned_at\": 1767225600,\n      \"cancelled_at\": null", state);
        Assert.Contains("\"lab/506\": {\n      \"warned_at\": 1767221400,\n      \"cancelled_at\": 1767225600", state);
        Assert.Contains("\"lab/507\"", state);
        Assert.DoesNotContain("lab/999", state);

        // The next run, a minute later with the same GPUs: nothing more is mailed or cancelled.
        var (again, runner2, _) = await RunAsync(config, Now);
        Assert.Equal(0, again);
        Assert.Equal(["sacct"], runner2.Requests.Select(r => r.FileName));
    }

    [Fact]
    public async Task A_failed_mail_is_logged_and_leaves_the_job_unwarned_for_the_next_run()
    {
        var config = Config("warn");
        var runner = new RecordingProcessRunner(r => r.FileName == "sacct" ? RecordingProcessRunner.Ok(SacctRows()) : RecordingProcessRunner.Fails(75, "mail queue full"));
        var log = new RecordingLog();
        using var http = new HttpClient();
        var guard = new IdleGpuGuard(config, new SacctJobLists(runner, TimeSpan.FromSeconds(5)), runner, new PrometheusConnections(() => http), _url,
            TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5), log);
        Assert.Equal(1, await guard.RunAsync(new IdleGpuRun(null, false, Now), Ct));
        Assert.Contains(log.Lines, l => l.StartsWith("error: could not warn job 501", StringComparison.Ordinal) && l.Contains("mail queue full", StringComparison.Ordinal));
        Assert.DoesNotContain("lab/501", File.ReadAllText(_work.Combine("state", "idle-gpus.json")));
    }
}
