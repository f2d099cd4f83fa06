using Jobstats.Integration.Tests.Lab;
using Jobstats.Testing;

namespace Jobstats.Integration.Tests.EndToEnd;

/// <summary>The whole product on a real Slurm and Prometheus: what a user and an admin would check by hand.</summary>
[Collection(LabCollection.Name)]
public sealed class EndToEndTests(LabCluster lab)
{
    [Fact]
    public async Task A_job_keeping_two_cores_busy_for_a_minute_shows_at_least_80_percent_cpu()
    {
        var run = (await EndToEndRun.GetAsync(lab)).Require(EndToEndRun.Phases.Prometheus);
        Assert.Equal("COMPLETED", run.JobState);
        Assert.Equal("prometheus", run.FromPrometheus.Source);
        Assert.True(run.FromPrometheus.CpuEfficiencyPercent >= 80,
            $"CPU utilization {run.FromPrometheus.CpuEfficiencyPercent} % for a job that kept {EndToEndRun.Cores} cores busy");
        Assert.True(run.FromPrometheus.CpuEfficiencyPercent <= 100.5, $"CPU utilization {run.FromPrometheus.CpuEfficiencyPercent} % is above 100 %");
    }

    [Fact]
    public async Task The_cpu_time_in_the_report_is_the_cpu_time_slurm_accounted()
    {
        // Independent of machine load (a shared CI runner may not give the job its two cores): both count the same work.
        var run = (await EndToEndRun.GetAsync(lab)).Require(EndToEndRun.Phases.Prometheus);
        var (nodes, _) = JobstatsJson.ParseNodeDictionary(run.NodeDictionaryFromPrometheus);
        var reported = nodes.Values.Sum(node => node.CpuSeconds);
        Assert.True(run.SlurmCpuSeconds > 0, "sacct accounted no CPU time for the burn job");
        // Prometheus's last sample of the job can be up to one scrape interval before it ended, so jobstats may trail
        // Slurm by at most every core busy for that long; it never counts more than Slurm (2 % for rounding).
        var samplingGap = EndToEndRun.Cores * LabScrapeIntervalSeconds;
        Assert.True(reported <= run.SlurmCpuSeconds * 1.02 && reported >= run.SlurmCpuSeconds * 0.98 - samplingGap,
            $"CPU seconds: jobstats {reported}, sacct TotalCPU {run.SlurmCpuSeconds}: outside [sacct - {samplingGap} s, sacct] (± 2 %)");
    }

    [Fact]
    public async Task The_long_term_store_fed_by_remote_write_gives_the_same_report_as_prometheus()
    {
        var run = (await EndToEndRun.GetAsync(lab)).Require(EndToEndRun.Phases.Prometheus, EndToEndRun.Phases.LongTermStore);
        Assert.Equal("prometheus", run.FromLongTermStore.Source);
        Assert.InRange(run.FromLongTermStore.CpuEfficiencyPercent, run.FromPrometheus.CpuEfficiencyPercent - 1, run.FromPrometheus.CpuEfficiencyPercent + 1);
        Assert.InRange(run.FromLongTermStore.MemoryUsedBytes, run.FromPrometheus.MemoryUsedBytes * 0.99, run.FromPrometheus.MemoryUsedBytes * 1.01);
    }

    [Fact]
    public async Task Memory_used_is_at_least_what_the_job_touched()
    {
        var run = (await EndToEndRun.GetAsync(lab)).Require(EndToEndRun.Phases.Prometheus);
        const double touched = EndToEndRun.Megabytes * 1024.0 * 1024.0;
        Assert.True(run.FromPrometheus.MemoryUsedBytes >= touched,
            $"memory used {run.FromPrometheus.MemoryUsedBytes} bytes is below the {touched} bytes the job touched");
    }

    [Fact]
    public async Task The_admin_comment_holds_our_summary_and_the_report_decodes_it_with_prometheus_stopped()
    {
        var run = (await EndToEndRun.GetAsync(lab)).Require(EndToEndRun.Phases.Summary, EndToEndRun.Phases.ReportFromSummary);
        Assert.True(IsSummary(run.AdminComment),
            $"AdminComment '{run.AdminComment}' is not a jobstats summary");
        Assert.Equal("summary", run.FromSummary.Source);
        Assert.True(run.FromSummary.CpuEfficiencyPercent >= 80, $"CPU utilization from the summary: {run.FromSummary.CpuEfficiencyPercent} %");
        Assert.Contains(run.JobId.ToString(), run.TextReportFromSummary);
    }

    [Fact]
    public async Task The_report_from_prometheus_and_the_one_from_the_summary_agree()
    {
        var run = (await EndToEndRun.GetAsync(lab)).Require(EndToEndRun.Phases.Prometheus, EndToEndRun.Phases.ReportFromSummary);
        Assert.InRange(run.FromSummary.CpuEfficiencyPercent, run.FromPrometheus.CpuEfficiencyPercent - 1, run.FromPrometheus.CpuEfficiencyPercent + 1);
        AssertClose(run.FromPrometheus.MemoryUsedBytes, run.FromSummary.MemoryUsedBytes, 0.02, "memory used");

        var (prometheusNodes, prometheusRun) = JobstatsJson.ParseNodeDictionary(run.NodeDictionaryFromPrometheus);
        var (summaryNodes, summaryRun) = JobstatsJson.ParseNodeDictionary(run.NodeDictionaryFromSummary);
        Assert.Equal(prometheusRun, summaryRun);
        Assert.Equal(prometheusNodes.Keys.Order(), summaryNodes.Keys.Order());
        Assert.Equal([lab.NodeName], prometheusNodes.Keys);
        foreach (var (node, fromPrometheus) in prometheusNodes)
        {
            var fromSummary = summaryNodes[node];
            Assert.Equal(fromPrometheus.Cpus, fromSummary.Cpus);
            AssertClose(fromPrometheus.CpuSeconds, fromSummary.CpuSeconds, 0.02, $"{node} CPU seconds");
            AssertClose(fromPrometheus.UsedMemory, fromSummary.UsedMemory, 0.02, $"{node} used memory");
        }
    }

    [Fact]
    public async Task Every_task_of_an_array_job_gets_a_summary_including_the_one_that_keeps_the_arrays_id()
    {
        var run = (await EndToEndRun.GetAsync(lab)).Require(EndToEndRun.Phases.ArraySummaries);
        Assert.Equal(EndToEndRun.ArrayTasks, run.ArrayTaskComments.Count);
        var raw = await lab.SacctAsync($"{run.ArrayJobId}_{EndToEndRun.ArrayTasks}", ["JobIDRaw"]);
        var missing = run.ArrayTaskComments.Where(task => !IsSummary(task.Value)).Select(task => task.Key).ToList();
        Assert.True(missing.Count == 0,
            $"no summary for {string.Join(", ", missing)} (the last task's JobIDRaw is {raw["JobIDRaw"]}, the array's id {run.ArrayJobId})");
    }

    [Fact]
    public async Task Jobs_that_end_during_a_prometheus_outage_and_a_slurmdbd_restart_all_get_their_summary()
    {
        var run = (await EndToEndRun.GetAsync(lab)).Require(EndToEndRun.Phases.Outage);
        Assert.Equal(EndToEndRun.OutageTasks, run.OutageTaskComments.Count);
        var missing = run.OutageTaskComments.Where(task => !IsSummary(task.Value)).Select(task => $"{task.Key} '{task.Value}'").ToList();
        Assert.True(missing.Count == 0, $"no summary for {string.Join(", ", missing)}\n{run.StatusAfterOutage}");
        // The service did meet both outages, and retried through them rather than dropping anything.
        string Row(string label) => run.StatusAfterOutage.Split('\n').Single(l => l.TrimStart().StartsWith(label, StringComparison.Ordinal))
            .Trim()[label.Length..].Trim();
        Assert.Contains("prometheus", Row("failed attempts"), StringComparison.Ordinal);
        Assert.Contains("slurm", Row("failed attempts"), StringComparison.Ordinal);
        Assert.Equal("0", Row("gave up"));
        Assert.Equal("0", Row("queued jobs"));
    }

    [Fact]
    public async Task Jobstatsctl_verify_passes_on_the_deployed_lab()
    {
        var run = (await EndToEndRun.GetAsync(lab)).Require(EndToEndRun.Phases.Verify);
        Assert.True(run.Verify.Succeeded, run.Verify.Report());
    }

    [Fact]
    public async Task Jobstatsctl_uninstall_leaves_no_owned_path()
    {
        var run = await EndToEndRun.GetAsync(lab);
        Assert.True(run.Uninstall.Succeeded, run.Uninstall.Report());
        Assert.NotEmpty(run.OwnedPaths);
        Assert.Empty(run.PathsLeftAfterUninstall);
        Assert.False(run.SlurmConfBlockLeftAfterUninstall, "the jobstats block is still in the lab's slurm.conf after uninstall");
    }

    private static bool IsSummary(string comment) =>
        comment.StartsWith("JS1:", StringComparison.Ordinal) || comment.StartsWith("js1b32:", StringComparison.Ordinal);

    /// <summary>The lab Prometheus's scrape interval (scripts/local-cluster, SCRAPE_INTERVAL).</summary>
    private const int LabScrapeIntervalSeconds = 5;

    private static void AssertClose(double expected, double actual, double relative, string what) =>
        Assert.True(Math.Abs(expected - actual) <= Math.Abs(expected) * relative + 1e-9,
            $"{what}: {actual} and {expected} are more than {relative:P0} apart");
}
