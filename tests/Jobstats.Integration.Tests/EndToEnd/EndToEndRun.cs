using System.Text.Json;
using Jobstats.Integration.Tests.Lab;
using Jobstats.Processes;
using Jobstats.Testing;

namespace Jobstats.Integration.Tests.EndToEnd;

/// <summary>
/// One pass of the whole system on the real lab, done once and shared by the assertions of <see cref="EndToEndTests"/>:
/// deploy with jobstatsctl, run a 2-core 60 s job, read its report from Prometheus and, with Prometheus stopped, from
/// the summary the slurmctld epilog stored; verify; uninstall. Uninstall always runs, so the machine is left clean.
/// </summary>
public sealed class EndToEndRun
{
    public const int Cores = 2;
    public const int Seconds = 60;
    public const int Megabytes = 300;
    /// <summary>Tasks of the short array job; more than the lab's cores, so Slurm splits tasks off over time.</summary>
    public const int ArrayTasks = 4;
    /// <summary>Tasks of the array that ends while Prometheus is stopped and slurmdbd restarts.</summary>
    public const int OutageTasks = 6;
    private const string InstalledJobstats = "/usr/local/bin/jobstats";

    private static readonly Lock Gate = new();
    private static Task<EndToEndRun>? _run;

    public long JobId { get; private set; }
    public string JobState { get; private set; } = "";
    public string AdminComment { get; private set; } = "";
    /// <summary>Slurm's own CPU time for the job (sacct TotalCPU), to check our figure against.</summary>
    public double SlurmCpuSeconds { get; private set; }
    public JobstatsJson FromPrometheus { get; private set; } = null!;
    /// <summary>The same report from the lab's VictoriaMetrics, which got every sample through remote_write.</summary>
    public JobstatsJson FromLongTermStore { get; private set; } = null!;
    public JobstatsJson FromSummary { get; private set; } = null!;
    public string NodeDictionaryFromPrometheus { get; private set; } = "";
    public string NodeDictionaryFromSummary { get; private set; } = "";
    public string TextReportFromSummary { get; private set; } = "";
    /// <summary>The AdminComment the epilog stored for each task of the array job, by task id (e.g. "25_4").</summary>
    public IReadOnlyDictionary<string, string> ArrayTaskComments { get; private set; } = new Dictionary<string, string>();
    /// <summary>The array's own id: Slurm gives it, as JobIDRaw and SLURM_JOB_ID, to the task that runs last.</summary>
    public long ArrayJobId { get; private set; }
    /// <summary>Each outage task's AdminComment once all had one (or when the time ran out).</summary>
    public IReadOnlyDictionary<string, string> OutageTaskComments { get; private set; } = new Dictionary<string, string>();
    /// <summary>`jobstats summaries status` after the outage: what the service went through.</summary>
    public string StatusAfterOutage { get; private set; } = "";
    public ProcessResult Verify { get; private set; } = null!;
    public ProcessResult Uninstall { get; private set; } = null!;
    public IReadOnlyList<string> OwnedPaths { get; private set; } = [];
    public IReadOnlyList<string> PathsLeftAfterUninstall { get; private set; } = [];
    public bool SlurmConfBlockLeftAfterUninstall { get; private set; }

    private readonly Dictionary<string, string> _failures = new(StringComparer.Ordinal);

    /// <summary>Names of the parts of the run that can fail independently.</summary>
    public static class Phases
    {
        public const string Prometheus = "report from Prometheus";
        public const string LongTermStore = "report from the long-term store (VictoriaMetrics)";
        public const string Summary = "summary stored by the slurmctld epilog";
        public const string Verify = "jobstatsctl verify";
        public const string ReportFromSummary = "report from the summary";
        public const string ArraySummaries = "summaries of every array task";
        public const string Outage = "summaries through a Prometheus outage and a slurmdbd restart";
    }

    /// <summary>Fails the calling test with the reason when a phase it depends on did not work.</summary>
    public EndToEndRun Require(params string[] phases)
    {
        var failed = phases.Where(_failures.ContainsKey).Select(phase => $"{phase}: {_failures[phase]}").ToList();
        return failed.Count == 0 ? this : throw new InvalidOperationException(string.Join("\n", failed));
    }

    private async Task Phase(string name, Func<Task> work)
    {
        try
        {
            await work();
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or FormatException or IOException)
        {
            _failures[name] = e.Message;
        }
    }

    /// <summary>The run, done once on first use; its failure is reported to every test that needs it, not retried.</summary>
    public static Task<EndToEndRun> GetAsync(LabCluster lab)
    {
        lock (Gate)
            return _run ??= RunOnceAsync(lab);
    }

    private static async Task<EndToEndRun> RunOnceAsync(LabCluster lab)
    {
        var run = new EndToEndRun();
        await run.ExecuteAsync(lab);
        return run;
    }

    private async Task ExecuteAsync(LabCluster lab)
    {
        Repository.EnsurePublished();
        var inventory = Path.Combine(lab.ScratchDirectory, "inventory.yaml");
        (await lab.RunAsync(Repository.Script("lab/write-inventory"), [inventory, Repository.BinDirectory])).EnsureSuccess();
        var jobstatsctl = Repository.PublishedProgram("jobstatsctl");

        var plan = await lab.RunAsync(jobstatsctl, ["plan", "-i", inventory, "--json"]);
        if (plan.ExitCode is not (0 or 3))
            throw new InvalidOperationException($"jobstatsctl plan failed:\n{plan.Report()}");
        var existedBefore = PathsIn(plan.StandardOutput).Where(Exists).ToHashSet(StringComparer.Ordinal);
        OwnedPaths = PathsIn(plan.StandardOutput).Where(path => !existedBefore.Contains(path)).ToList();

        try
        {
            (await lab.RunAsync(jobstatsctl, ["apply", "-i", inventory, "--yes"], TimeSpan.FromMinutes(4))).EnsureSuccess();
            // Slurm 22.05 picks up a newly set EpilogSlurmctld only when slurmctld starts (reconfigure is not enough).
            (await lab.RunAsync(Repository.Script("local-cluster"), ["stop", "slurmctld"], TimeSpan.FromMinutes(1))).EnsureSuccess();
            (await lab.RunAsync(Repository.Script("local-cluster"), ["start"], TimeSpan.FromMinutes(3))).EnsureSuccess();
            await WaitForExporterTargetAsync(lab, TimeSpan.FromSeconds(90));

            JobId = await lab.SubmitBurnJobAsync(Cores, Seconds, Megabytes, "e2e-burn");
            JobState = await lab.WaitForJobToFinishAsync(JobId, TimeSpan.FromSeconds(Seconds + 120));
            SlurmCpuSeconds = await WaitForSlurmCpuSecondsAsync(lab, JobId, TimeSpan.FromSeconds(30));

            // Each later phase is recorded on its own, so one broken part fails only the tests that depend on it.
            await Phase(Phases.Prometheus, async () =>
            {
                FromPrometheus = JobstatsJson.ParseReport(await JobstatsAsync(lab, "-f", "--format", "json"));
                NodeDictionaryFromPrometheus = await JobstatsAsync(lab, "-f", "-j");
            });
            await Phase(Phases.LongTermStore, async () =>
                FromLongTermStore = await ReportFromLongTermStoreAsync(lab, TimeSpan.FromSeconds(60)));
            await Phase(Phases.Summary, async () =>
                AdminComment = await WaitForAdminCommentAsync(lab, JobId, TimeSpan.FromSeconds(90)));
            await Phase(Phases.Verify, async () =>
                Verify = await lab.RunAsync(jobstatsctl, ["verify", "-i", inventory, "--job", JobId.ToString()], TimeSpan.FromMinutes(2)));
            await Phase(Phases.ArraySummaries, async () =>
            {
                ArrayJobId = await lab.SubmitSleepArrayAsync(ArrayTasks, seconds: 2, "e2e-array");
                ArrayTaskComments = await WaitForArrayCommentsAsync(lab, ArrayJobId, ArrayTasks, TimeSpan.FromSeconds(120));
            });

            await Phase(Phases.Outage, () => OutageAsync(lab));

            if (!_failures.ContainsKey(Phases.Summary))
            {
                (await lab.RunAsync(Repository.Script("local-cluster"), ["stop", "prometheus"])).EnsureSuccess();
                try
                {
                    await Phase(Phases.ReportFromSummary, async () =>
                    {
                        FromSummary = JobstatsJson.ParseReport(await JobstatsAsync(lab, "--format", "json"));
                        NodeDictionaryFromSummary = await JobstatsAsync(lab, "-j");
                        TextReportFromSummary = await JobstatsAsync(lab);
                    });
                }
                finally
                {
                    (await lab.RunAsync(Repository.Script("local-cluster"), ["start"], TimeSpan.FromMinutes(3))).EnsureSuccess();
                }
            }
            else
            {
                _failures[Phases.ReportFromSummary] = $"no summary to report from: {_failures[Phases.Summary]}";
            }
        }
        finally
        {
            Uninstall = await lab.RunAsync(jobstatsctl, ["uninstall", "-i", inventory], TimeSpan.FromMinutes(3));
            PathsLeftAfterUninstall = OwnedPaths.Where(Exists).ToList();
            SlurmConfBlockLeftAfterUninstall = File.ReadAllText(lab.SlurmConf).Contains("# BEGIN jobstats", StringComparison.Ordinal);
        }

        async Task<string> JobstatsAsync(LabCluster cluster, params string[] options)
        {
            var result = await cluster.RunAsync(InstalledJobstats, [.. options, JobId.ToString()], TimeSpan.FromSeconds(60));
            return result.EnsureSuccess().StandardOutput;
        }
    }

    /// <summary>
    /// The report with VictoriaMetrics in place of Prometheus (<c>--prometheus</c>): remote_write sends samples within
    /// seconds, so it is asked again until its CPU time has caught up with Prometheus' (or the time is up).
    /// </summary>
    private async Task<JobstatsJson> ReportFromLongTermStoreAsync(LabCluster lab, TimeSpan within)
    {
        var store = lab.Variables["VICTORIA_METRICS_URL"];
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var result = await lab.RunAsync(InstalledJobstats, ["-f", "--format", "json", "--prometheus", store, JobId.ToString()], TimeSpan.FromSeconds(60));
            if (result.ExitCode == 0)
            {
                var report = JobstatsJson.ParseReport(result.StandardOutput);
                if (report.CpuEfficiencyPercent >= FromPrometheus.CpuEfficiencyPercent - 1 || DateTime.UtcNow > deadline) return report;
            }
            else if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"jobstats against VictoriaMetrics at {store} failed:\n{result.Report()}");
            }
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }

    /// <summary>
    /// Jobs end while Prometheus is stopped, then slurmdbd is stopped for a while and started again: the epilog only
    /// queues them, the summary service keeps retrying, and once both are back every job gets its summary.
    /// </summary>
    private async Task OutageAsync(LabCluster lab)
    {
        var localCluster = Repository.Script("local-cluster");
        long arrayJobId = await lab.SubmitSleepArrayAsync(OutageTasks, seconds: 15, "e2e-outage");
        try
        {
            // Let every task start and be sampled before Prometheus goes away.
            await Task.Delay(TimeSpan.FromSeconds(8));
            (await lab.RunAsync(localCluster, ["stop", "prometheus"])).EnsureSuccess();
            await WaitUntilGoneFromQueueAsync(lab, arrayJobId, TimeSpan.FromSeconds(120));
            // The service has met Prometheus down by now; the next attempts meet slurmdbd down.
            await Task.Delay(TimeSpan.FromSeconds(5));
            (await lab.RunAsync(localCluster, ["stop", "slurmdbd"])).EnsureSuccess();
            await Task.Delay(TimeSpan.FromSeconds(25));
        }
        finally
        {
            (await lab.RunAsync(localCluster, ["start"], TimeSpan.FromMinutes(3))).EnsureSuccess();
        }
        OutageTaskComments = await WaitForArrayCommentsAsync(lab, arrayJobId, OutageTasks, TimeSpan.FromMinutes(4));
        StatusAfterOutage = (await lab.RunAsync(InstalledJobstats + "-summaries", ["status"])).EnsureSuccess().StandardOutput;
    }

    private static async Task WaitUntilGoneFromQueueAsync(LabCluster lab, long jobId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var listed = (await lab.RunAsync("squeue", ["-h", "-j", jobId.ToString(), "-o", "%i"])).StandardOutput;
            if (listed.Trim().Length == 0) return;
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        throw new TimeoutException($"job {jobId} was still in the queue after {timeout}");
    }

    private static bool Exists(string path) => File.Exists(path) || Directory.Exists(path) || IsLink(path);

    private static bool IsLink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget is not null;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Every "path" value in `jobstatsctl plan --json` (whatever the nesting), the paths the deployment owns.</summary>
    public static IReadOnlyList<string> PathsIn(string planJson)
    {
        using var document = JsonDocument.Parse(planJson);
        var paths = new List<string>();
        Collect(document.RootElement);
        if (paths.Count == 0)
            throw new FormatException($"jobstatsctl plan --json named no path: {planJson}");
        return paths.Distinct(StringComparer.Ordinal).ToList();

        void Collect(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        if (property.NameEquals("path") || property.Name.Equals("Path", StringComparison.Ordinal))
                        {
                            if (property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() is { Length: > 0 } path && path.StartsWith('/'))
                                paths.Add(path);
                        }
                        else
                            Collect(property.Value);
                    }
                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                        Collect(item);
                    break;
            }
        }
    }

    private static async Task WaitForExporterTargetAsync(LabCluster lab, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var port = lab.Variables["JOBSTATS_LAB_EXPORTER_PORT"];
        var query = Uri.EscapeDataString($"up{{cluster=\"{lab.ClusterName}\",instance=~\".*:{port}\"}} == 1");
        var deadline = DateTime.UtcNow + timeout;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await http.GetStringAsync($"{lab.PrometheusUrl}/api/v1/query?query={query}");
                using var answer = JsonDocument.Parse(last);
                if (answer.RootElement.GetProperty("data").GetProperty("result").GetArrayLength() > 0)
                    return;
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        throw new TimeoutException($"Prometheus never saw the deployed jobstats-exporter up on port {port}: {last}");
    }

    /// <summary>sacct's TotalCPU, which slurmdbd fills in from the step records shortly after the job's state.</summary>
    private static async Task<double> WaitForSlurmCpuSecondsAsync(LabCluster lab, long jobId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var seconds = 0.0;
        while (DateTime.UtcNow < deadline)
        {
            // The allocation row (-X) carries no TotalCPU on this Slurm; the job row without -X sums its steps.
            seconds = SlurmDurations.ParseSeconds((await lab.SacctAsync(jobId, ["TotalCPU"], allocationOnly: false))["TotalCPU"]);
            if (seconds > 0)
                break;
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        return seconds;
    }

    /// <summary>Each task's AdminComment once every task has one, or whatever was there when the time ran out.</summary>
    private static async Task<IReadOnlyDictionary<string, string>> WaitForArrayCommentsAsync(LabCluster lab, long arrayJobId, int tasks, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var comments = new Dictionary<string, string>(StringComparer.Ordinal);
        while (DateTime.UtcNow < deadline)
        {
            comments.Clear();
            for (var task = 1; task <= tasks; task++)
                comments[$"{arrayJobId}_{task}"] = (await lab.SacctAsync($"{arrayJobId}_{task}", ["AdminComment"]))["AdminComment"];
            if (comments.Values.All(comment => comment.Length > 0))
                break;
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
        return comments;
    }

    private static async Task<string> WaitForAdminCommentAsync(LabCluster lab, long jobId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var comment = (await lab.SacctAsync(jobId, ["AdminComment"]))["AdminComment"];
            if (comment.Length > 0)
                return comment;
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
        throw new TimeoutException($"the slurmctld epilog stored no AdminComment for job {jobId} within {timeout}");
    }
}
