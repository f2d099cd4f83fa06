using System.IO.Compression;
using System.Text.Json;
using Jobstats.Core.Model;
using Jobstats.Core.Summary;

namespace Jobstats.Core.Tests.Summary;

/// <summary>The optional GPM activity keys of the stored summary, and what an upstream reader still finds in it.</summary>
public class GpuActivitySummaryTests
{
    private static JobUsage HopperJob()
    {
        var usage = new JobUsage();
        var node = usage.Node("dgx-h100-01");
        node.TotalMemory = Figure.Integer(137438953472);
        node.UsedMemory = Figure.Integer(34359738368);
        node.TotalTime = Figure.Float(28800.5);
        node.Cpus = Figure.Integer(16);
        node.GpuTotalMemory = new() { ["0"] = Figure.Integer(85899345920), ["1"] = Figure.Integer(85899345920) };
        node.GpuUsedMemory = new() { ["0"] = Figure.Integer(42949672960), ["1"] = Figure.Integer(0) };
        node.GpuUtilization = new() { ["0"] = Figure.Float(91.2), ["1"] = Figure.Integer(0) };
        node.GpuSmActive = new() { ["0"] = Figure.Float(63.4), ["1"] = Figure.Integer(0) };
        node.GpuTensorActive = new() { ["0"] = Figure.Float(41.7) };
        node.GpuDramActive = new() { ["0"] = Figure.Float(28.1), ["1"] = Figure.Integer(0) };
        return usage;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Activity_figures_survive_encode_and_read(bool caseSafe)
    {
        var read = SummaryCodec.Read(SummaryCodec.Encode(HopperJob(), 3600, 2, caseSafe));

        Assert.Equal(SummaryKind.Usage, read.Kind);
        var node = read.Usage!.Nodes["dgx-h100-01"];
        Assert.Equal([Figure.Float(63.4), Figure.Integer(0)], node.GpuSmActive!.Values);
        Assert.Equal(["0"], node.GpuTensorActive!.Keys);
        Assert.Equal(Figure.Float(41.7), node.GpuTensorActive["0"]);
        Assert.Equal(Figure.Float(28.1), node.GpuDramActive!["0"]);
    }

    [Fact]
    public void Upstream_keys_keep_their_values_and_types_and_ours_follow_them()
    {
        // What a reader of the upstream format sees: it decodes the JSON and looks its keys up by name.
        string stored = SummaryCodec.Encode(HopperJob(), 3600, 2, caseSafe: false);
        using var gzip = new GZipStream(new MemoryStream(Convert.FromBase64String(stored["JS1:".Length..])), CompressionMode.Decompress);
        using var document = JsonDocument.Parse(gzip);
        var root = document.RootElement;
        Assert.Equal(["nodes", "total_time", "gpus"], root.EnumerateObject().Select(p => p.Name));
        var node = root.GetProperty("nodes").GetProperty("dgx-h100-01");
        Assert.Equal(
            ["total_memory", "used_memory", "total_time", "cpus", "gpu_total_memory", "gpu_used_memory", "gpu_utilization",
             "gpu_sm_active", "gpu_tensor_active", "gpu_dram_active"],
            node.EnumerateObject().Select(p => p.Name));
        Assert.Equal("91.2", node.GetProperty("gpu_utilization").GetProperty("0").GetRawText());
        Assert.Equal("0", node.GetProperty("gpu_utilization").GetProperty("1").GetRawText());
        Assert.Equal("42949672960", node.GetProperty("gpu_used_memory").GetProperty("0").GetRawText());
        Assert.Equal("28800.5", node.GetProperty("total_time").GetRawText());
        Assert.Equal("63.4", node.GetProperty("gpu_sm_active").GetProperty("0").GetRawText());
    }

    [Fact]
    public void A_job_without_activity_figures_is_stored_exactly_as_before()
    {
        var usage = HopperJob();
        var node = usage.Nodes["dgx-h100-01"];
        node.GpuSmActive = node.GpuTensorActive = node.GpuDramActive = null;

        string json = System.Text.Encoding.UTF8.GetString(NodeDictionaryJson.WriteCompact(usage, 3600, 2));

        Assert.Equal(
            """
            {"nodes":{"dgx-h100-01":{"total_memory":137438953472,"used_memory":34359738368,"total_time":28800.5,"cpus":16,"gpu_total_memory":{"0":85899345920,"1":85899345920},"gpu_used_memory":{"0":42949672960,"1":0},"gpu_utilization":{"0":91.2,"1":0}}},"total_time":3600,"gpus":2}
            """, json);
    }
}
