using Jobstats.Core.Config;
using Jobstats.Core.Fleet;
using Jobstats.Core.Model;
using Jobstats.Core.Rendering;
using Jobstats.Core.Summary;
using Jobstats.Core.Tests.Rendering;

namespace Jobstats.Core.Tests.Fleet;

public class JobRowsTests
{
    private static readonly JobstatsConfig Config = new();
    private static readonly AccountingUsage NoAccounting = new(null, null, null);

    [Fact]
    public void A_stored_summary_gives_the_report_s_own_figures()
    {
        var record = ReportFixtures.SimpleRecord with { AdminComment = SummaryCodec.Encode(ReportFixtures.SimpleUsage(), 2029, 0, caseSafe: false) };
        JobRow row = JobRows.Finished(record, new AccountingUsage(1, 1, 1), 0, Config);
        // 79498.2 CPU-s of 2029 s × 40 cores = 97.95 → 98.0 %; 5.2 of 10 GiB = 52 %; 2029 s of 1440 min = 2 %.
        Assert.Equal((RowSource.Summary, 98.0, 52L, 2L), (row.Source, row.CpuEfficiency, row.MemoryEfficiency, row.TimeEfficiency));
        Assert.Null(row.GpuUtilization);
    }

    [Fact]
    public void Without_a_summary_sacct_s_figures_stand_in_and_say_so()
    {
        // 3600 CPU-s of 2029 s × 40 cores = 4.4 %; MaxRSS 2.5 GiB of one node's 10 GiB = 25 %.
        JobRow row = JobRows.Finished(ReportFixtures.SimpleRecord, new AccountingUsage(3600, 2560L << 20, 10L << 30), 0, Config);
        Assert.Equal((RowSource.Accounting, 4.4, 25L), (row.Source, row.CpuEfficiency, row.MemoryEfficiency));
    }

    [Fact]
    public void A_damaged_summary_falls_back_to_sacct_and_nothing_at_all_is_none()
    {
        var damaged = ReportFixtures.SimpleRecord with { AdminComment = "JS1:H4sIAAAA" };
        Assert.Equal(RowSource.Accounting, JobRows.Finished(damaged, new AccountingUsage(3600, null, null), 0, Config).Source);
        JobRow none = JobRows.Finished(damaged, NoAccounting, 0, Config);
        Assert.Equal((RowSource.None, null, null), (none.Source, none.CpuEfficiency, none.MemoryEfficiency));
    }

    [Fact]
    public void A_pending_job_has_no_elapsed_time_and_no_figures()
    {
        var pending = ReportFixtures.SimpleRecord with { State = "PENDING", Start = null, End = null };
        JobRow row = JobRows.Finished(pending, new AccountingUsage(0, 0, 10L << 30), 1730212549, Config);
        Assert.Equal((0L, RowSource.None, (long?)null), (row.ElapsedSeconds, row.Source, row.TimeEfficiency));
    }

    [Fact]
    public void Colour_marks_low_figures_red_and_plain_text_has_no_escapes()
    {
        JobRow low = JobRows.Finished(ReportFixtures.SimpleRecord, new AccountingUsage(3600, 2560L << 20, 10L << 30), 0, Config);
        string coloured = new JobTable(Config.Thresholds, color: true).Render([low]);
        Assert.Contains(Styling.RedCode + "4%" + Styling.NormalCode, coloured);
        Assert.StartsWith(Styling.BoldCode + "JobID", coloured);
        string plain = new JobTable(Config.Thresholds, color: false).Render([low]);
        Assert.DoesNotContain('\u001b', plain);
        Assert.Equal("10920562  aturing  COMPLETED  00:33:49       2%      4%     25%       -       -  sacct", plain.Split('\n')[1]);
    }

    [Fact]
    public void Histograms_are_ascii_without_colour_and_blocks_with_it()
    {
        var rows = Enumerable.Range(0, 10).Select(i => JobRows.Finished(ReportFixtures.SimpleRecord,
            new AccountingUsage(2029.0 * 40 * i / 10, null, null), 0, Config) with { JobId = $"5_{i}" }).ToList();
        string plain = new ArrayGlance(Config.Thresholds, color: false).Render("5", rows);
        Assert.True(plain.All(c => c < 128));
        Assert.Contains("  10-19% |########################################      1", plain);
        string coloured = new ArrayGlance(Config.Thresholds, color: true).Render("5", rows);
        Assert.Contains("█", coloured);
    }

    [Theory]
    [InlineData("2000_4", 1)]
    [InlineData("2000_[9-12]", 4)]
    [InlineData("2000_[1-3,7,10-11%2]", 6)]
    [InlineData("2000_[x]", 1)]
    public void The_pending_row_of_an_array_counts_the_tasks_it_names(string jobId, int tasks) =>
        Assert.Equal(tasks, ArrayGlance.TasksIn(jobId));
}
