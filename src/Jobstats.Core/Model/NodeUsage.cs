namespace Jobstats.Core.Model;

/// <summary>What one node of a job used, as in the node dictionary; a missing figure is null.</summary>
public sealed class NodeUsage
{
    public Figure? TotalMemory { get; set; }
    public Figure? UsedMemory { get; set; }
    public Figure? TotalTime { get; set; }
    public Figure? Cpus { get; set; }

    /// <summary>GPU figures keyed by the GPU's minor number, in the order they were first seen.</summary>
    public OrderedDictionary<string, Figure>? GpuTotalMemory { get; set; }
    public OrderedDictionary<string, Figure>? GpuUsedMemory { get; set; }
    public OrderedDictionary<string, Figure>? GpuUtilization { get; set; }

    /// <summary>
    /// GPM activity per GPU, time-averaged percentages 0-100 (Hopper and newer): SM active, any tensor pipe active,
    /// DRAM bandwidth used. Null where the exporter has no such series; the summary keeps them under keys of their own.
    /// </summary>
    public OrderedDictionary<string, Figure>? GpuSmActive { get; set; }
    public OrderedDictionary<string, Figure>? GpuTensorActive { get; set; }
    public OrderedDictionary<string, Figure>? GpuDramActive { get; set; }
}
