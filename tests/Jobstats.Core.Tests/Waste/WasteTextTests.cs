using Jobstats.Core.Config;
using Jobstats.Core.Model;
using Jobstats.Core.Waste;

namespace Jobstats.Core.Tests.Waste;

public class WasteTextTests
{
    private static JobRecord Job(string user, string account) => new()
    {
        JobId = "1", JobIdRaw = "1", Cluster = "lab", User = user, Account = account, JobName = "x", State = "COMPLETED", Nodes = 1, Cores = 2,
        ReqMem = "1G", Qos = "normal", Partition = "cpu", Start = 1000, End = 4600, TimeLimitMinutes = 60, TimeLimitText = "60", Gpus = 0,
        AdminComment = "", AllocTres = "cpu=2",
    };

    [Fact]
    public void Names_from_slurm_reach_the_terminal_and_the_csv_escaped()
    {
        var report = WasteReport.Build([Job("eve\u001b]0;owned\u0007", "acct,\"x\"")], new JobstatsConfig(), "lab", 0, 10000);
        string text = WasteText.Render(report, TimeZoneInfo.Utc);
        Assert.DoesNotContain('\u001b', text);
        Assert.Contains("eve\\x1b]0;owned\\x07", text);
        string csv = WasteCsv.Render(report);
        Assert.DoesNotContain('\u001b', csv);
        Assert.Contains("account,\"acct,\"\"x\"\"\",1,1,", csv);
    }

    [Fact]
    public void A_job_without_a_summary_counts_as_allocated_only_and_against_no_rule()
    {
        var report = WasteReport.Build([Job("ann", "a")], new JobstatsConfig(), "lab", 0, 10000);
        var row = Assert.Single(report.ByUser);
        Assert.Equal((1, 1, 2.0, 0.0), (row.Jobs, row.JobsWithoutData, row.CpuHours, row.CpuHoursUnused));
        Assert.All(row.RuleJobs, n => Assert.Equal(0, n));
    }
}
