using Jobstats.Core.Config;
using Jobstats.Core.Efficiency;
using Jobstats.Core.Tests.Rendering;

namespace Jobstats.Core.Tests.Efficiency;

public class JobAnalysisTests
{
    private static readonly JobstatsConfig Config = new();

    [Fact]
    public void Reference_job_figures_round_like_the_classic_report()
    {
        var job = new JobAnalysis(ReportFixtures.SimpleRecord, ReportFixtures.SimpleUsage(), UsageSource.Summary, 0, Config);
        Assert.Equal(2029, job.RunSeconds);
        Assert.Equal(98.0, job.CpuEfficiencyPercent);   // 79498.2 / 81160 = 97.95… → 98.0
        Assert.Equal(98, job.CpuMeterPercent);
        Assert.Equal(52, job.MemoryPercent);             // 5624422400 / 10737418240 = 52.38 %
        Assert.Equal(2, job.TimeEfficiency);             // 2029 s of 1440 min
        Assert.True(job.TimeLimitFarAboveRunTime);
        Assert.Null(job.Gpu);
    }

    [Fact]
    public void Time_efficiency_only_for_completed_jobs_with_a_numeric_limit()
    {
        var running = ReportFixtures.SimpleRecord with { State = "RUNNING", End = null };
        Assert.Null(new JobAnalysis(running, ReportFixtures.SimpleUsage(), UsageSource.Prometheus, 1730214578, Config).TimeEfficiency);
        var unlimited = ReportFixtures.SimpleRecord with { TimeLimitMinutes = null, TimeLimitText = "UNLIMITED" };
        Assert.Null(new JobAnalysis(unlimited, ReportFixtures.SimpleUsage(), UsageSource.Summary, 0, Config).TimeEfficiency);
    }

    [Fact]
    public void Running_job_is_measured_up_to_now_in_whole_seconds()
    {
        var running = ReportFixtures.SimpleRecord with { State = "RUNNING", End = null };
        var job = new JobAnalysis(running, ReportFixtures.SimpleUsage(), UsageSource.Prometheus, 1730212549 + 7200, Config);
        Assert.Equal(7200, job.RunSeconds);
    }

    [Fact]
    public void The_cpu_meter_truncates_the_one_decimal_value()
    {
        var usage = ReportFixtures.SimpleUsage();
        usage.Nodes["tiger-h26c1n3"].TotalTime = Model.Figure.Float(0.069 * 2029 * 40);
        var job = new JobAnalysis(ReportFixtures.SimpleRecord, usage, UsageSource.Summary, 0, Config);
        Assert.Equal(6.9, job.CpuEfficiencyPercent);
        Assert.Equal(6, job.CpuMeterPercent);
    }

    [Fact]
    public void Short_jobs_are_flagged_against_the_sampling_period()
    {
        var record = ReportFixtures.SimpleRecord with { End = ReportFixtures.SimpleRecord.Start + 59 };
        Assert.True(new JobAnalysis(record, new Model.JobUsage(), UsageSource.None, 0, Config).SampledTooBriefly);
        record = record with { End = record.Start + 60 };
        Assert.False(new JobAnalysis(record, new Model.JobUsage(), UsageSource.None, 0, Config).SampledTooBriefly);
    }
}
