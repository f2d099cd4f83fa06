using Jobstats.Core.Config;
using Jobstats.Core.Efficiency;
using Jobstats.Core.Model;
using Jobstats.Core.Rendering;
using Jobstats.Core.Summary;

namespace Jobstats.Core.Tests.Rendering;

/// <summary>The GPU activity section (GPM: SM active, tensor active, DRAM bandwidth) of the report.</summary>
public class GpuActivityReportTests
{
    private static readonly JobRecord GpuRecord = ReportFixtures.SimpleRecord with
    {
        Gpus = 2, AllocTres = "billing=40,cpu=40,gres/gpu=2,mem=10G,node=1",
    };

    private static JobUsage GpuUsage()
    {
        var usage = ReportFixtures.SimpleUsage();
        var node = usage.Nodes["tiger-h26c1n3"];
        node.GpuTotalMemory = new() { ["0"] = Figure.Integer(85899345920), ["1"] = Figure.Integer(85899345920) };
        node.GpuUsedMemory = new() { ["0"] = Figure.Integer(42949672960), ["1"] = Figure.Integer(21474836480) };
        node.GpuUtilization = new() { ["0"] = Figure.Float(91.2), ["1"] = Figure.Integer(40) };
        return usage;
    }

    private static string Render(JobUsage usage, UsageSource source = UsageSource.Prometheus)
    {
        var config = ConfigLoader.Parse("notes: {defaults: false}", "t.yaml");
        var job = new JobAnalysis(GpuRecord, usage, source, GpuRecord.End ?? 0, config);
        return new ClassicReport(config, new ReportOptions { Color = false, TimeZone = TimeZoneInfo.Utc }).Render(job);
    }

    [Fact]
    public void Gpus_with_gpm_figures_get_an_activity_section_after_gpu_memory()
    {
        var usage = GpuUsage();
        var node = usage.Nodes["tiger-h26c1n3"];
        node.GpuSmActive = new() { ["1"] = Figure.Float(20.5), ["0"] = Figure.Float(63.4) };
        node.GpuTensorActive = new() { ["0"] = Figure.Float(41.7) };
        node.GpuDramActive = new() { ["0"] = Figure.Float(28.1), ["1"] = Figure.Integer(3) };

        string text = Render(usage);

        Assert.EndsWith(
            """
              GPU memory usage per node - maximum used/total
                  tiger-h26c1n3 (GPU 0): 40.0GB/80GB (50.0%)
                  tiger-h26c1n3 (GPU 1): 20.0GB/80GB (25.0%)

              GPU activity per node - SM active, tensor active, DRAM bandwidth
                  tiger-h26c1n3 (GPU 0): SM 63.4%, tensor 41.7%, DRAM 28.1%
                  tiger-h26c1n3 (GPU 1): SM 20.5%, DRAM 3%


            """, text);
    }

    [Fact]
    public void Without_gpm_figures_the_report_is_unchanged()
    {
        string text = Render(GpuUsage());
        Assert.DoesNotContain("activity", text);
        Assert.EndsWith("      tiger-h26c1n3 (GPU 1): 20.0GB/80GB (25.0%)\n\n", text);
    }

    [Fact]
    public void A_stored_summary_gives_the_same_report_as_the_figures_it_was_made_from()
    {
        var usage = GpuUsage();
        usage.Nodes["tiger-h26c1n3"].GpuSmActive = new() { ["0"] = Figure.Float(63.4), ["1"] = Figure.Integer(0) };
        usage.Nodes["tiger-h26c1n3"].GpuDramActive = new() { ["0"] = Figure.Float(12.5) };
        var stored = SummaryCodec.Read(SummaryCodec.Encode(usage, 2029, 2, caseSafe: false));

        string fromSummary = Render(stored.Usage!, UsageSource.Summary);

        Assert.Equal(Render(usage), fromSummary);
        Assert.Contains("      tiger-h26c1n3 (GPU 0): SM 63.4%, DRAM 12.5%\n      tiger-h26c1n3 (GPU 1): SM 0%\n", fromSummary);
    }

    [Fact]
    public void The_json_report_carries_activity_keys_only_for_gpus_that_have_them()
    {
        var usage = GpuUsage();
        usage.Nodes["tiger-h26c1n3"].GpuTensorActive = new() { ["1"] = Figure.Float(7.5) };
        var config = new JobstatsConfig();
        var job = new JobAnalysis(GpuRecord, usage, UsageSource.Prometheus, GpuRecord.End ?? 0, config);

        string json = JsonReport.Serialize(new JsonReportDocument([JsonReport.Build(job, config, "10920562", [])], []));

        Assert.Contains("\"tensor_active\": 7.5", json);
        Assert.Single(json.Split('\n'), l => l.Contains("_active", StringComparison.Ordinal));
    }
}
