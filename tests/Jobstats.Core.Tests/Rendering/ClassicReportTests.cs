using Jobstats.Core.Config;
using Jobstats.Core.Efficiency;
using Jobstats.Core.Model;
using Jobstats.Core.Rendering;

namespace Jobstats.Core.Tests.Rendering;

public class ClassicReportTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static string Render(JobRecord record, JobUsage usage, JobstatsConfig? config = null, bool color = false)
    {
        config ??= new JobstatsConfig();
        var job = new JobAnalysis(record, usage, UsageSource.Summary, record.End ?? 0, config);
        return new ClassicReport(config, new ReportOptions { Color = color, TimeZone = NewYork }).Render(job);
    }

    [Fact]
    public void Reference_cpu_job_without_notes_matches_the_classic_layout_line_for_line()
    {
        var config = ConfigLoader.Parse("notes: {defaults: false}", "t.yaml");
        string expected = string.Join("\n",
            "",
            new string('=', 80),
            "                              Slurm Job Statistics                              ",
            new string('=', 80),
            "         Job ID: 10920562",
            "   User/Account: aturing/physics",
            "       Job Name: 9",
            "          State: COMPLETED",
            "          Nodes: 1",
            "      CPU Cores: 40",
            "     CPU Memory: 10GB (250MB per CPU-core)",
            "  QOS/Partition: tiger-short/serial",
            "        Cluster: tiger2",
            "     Start Time: Tue Oct 29, 2024 at 10:35 AM",
            "       Run Time: 00:33:49",
            "     Time Limit: 1-00:00:00",
            "",
            "                              Overall Utilization                               ",
            new string('=', 80),
            "  CPU utilization  [" + new string('|', 47) + "98%]",
            "  CPU memory usage [" + new string('|', 26) + new string(' ', 21) + "52%]",
            "",
            "                              Detailed Utilization                              ",
            new string('=', 80),
            "  CPU utilization per node (CPU time used/run time)",
            "      tiger-h26c1n3: 22:04:58/22:32:40 (efficiency=98.0%)",
            "",
            "  CPU memory usage per node - used/allocated",
            "      tiger-h26c1n3: 5.2GB/10GB (134.1MB/256.0MB per core of 40)",
            "",
            "");
        Assert.Equal(expected, Render(ReportFixtures.SimpleRecord, ReportFixtures.SimpleUsage(), config));
    }

    [Fact]
    public void Unlimited_time_limit_and_running_state_are_shown()
    {
        var record = ReportFixtures.SimpleRecord with { State = "RUNNING", TimeLimitMinutes = null, TimeLimitText = "UNLIMITED" };
        string text = Render(record, ReportFixtures.SimpleUsage());
        Assert.Contains("     Time Limit: UNLIMITED\n", text);
        Assert.Contains("       Run Time: 00:33:49 (in progress)\n", text);
    }

    [Fact]
    public void Missing_memory_figures_give_a_message_and_the_fixed_notes_not_a_crash()
    {
        var usage = ReportFixtures.SimpleUsage();
        usage.Nodes["tiger-h26c1n3"].UsedMemory = null;
        string text = Render(ReportFixtures.SimpleRecord, usage);
        Assert.Contains("  CPU memory usage (memory figures are missing from the data)\n", text);
        Assert.Contains("  * The CPU memory usage could not be determined.\n", text);
        Assert.DoesNotContain("time limit", text);
    }

    [Fact]
    public void Colour_wraps_headings_after_centering_so_they_line_up()
    {
        string text = Render(ReportFixtures.SimpleRecord, ReportFixtures.SimpleUsage(), color: true);
        Assert.Contains("\x1b[1m                              Overall Utilization                               \x1b(B\x1b[m\n", text);
        Assert.Contains("Job ID: \x1b[1m10920562\x1b(B\x1b[m", text);
    }

    [Fact]
    public void Oom_state_is_red_and_its_note_fires()
    {
        var record = ReportFixtures.SimpleRecord with { State = "OUT_OF_MEMORY" };
        string text = Render(record, ReportFixtures.SimpleUsage(), color: true);
        Assert.Contains("State: \x1b[1m\x1b[31mOUT_OF_MEMORY", text);
        Assert.Contains("needed more CPU memory than it requested", text);
        Assert.DoesNotContain("Asking for less", text); // the excess-memory note stays quiet for OOM jobs
    }

    [Fact]
    public void One_core_memory_line_ends_after_the_allocation_with_a_space()
    {
        var usage = ReportFixtures.SimpleUsage();
        usage.Nodes["tiger-h26c1n3"].Cpus = Figure.Integer(1);
        var record = ReportFixtures.SimpleRecord with { Cores = 1 };
        Assert.Contains("      tiger-h26c1n3: 5.2GB/10GB \n", Render(record, usage));
    }
}
