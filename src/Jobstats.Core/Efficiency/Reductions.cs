using Jobstats.Core.Model;

namespace Jobstats.Core.Efficiency;

public sealed record NodeCpu(string Node, double UsedSeconds, double AllocatedSeconds, double Cores);
public sealed record CpuEfficiency(IReadOnlyList<NodeCpu> Nodes, double Used, double Allocated, double Cores, UsageError Error);

public sealed record NodeMemory(string Node, double Used, double Allocated, double Cores);
public sealed record MemoryEfficiency(IReadOnlyList<NodeMemory> Nodes, double Used, double Allocated, double Cores, UsageError Error);

public sealed record GpuUtilizationSample(string Node, string Minor, Figure Utilization);
public sealed record GpuUtilization(IReadOnlyList<GpuUtilizationSample> Gpus, double Mean, UsageError Error);

public sealed record GpuMemorySample(string Node, string Minor, double Used, double Total);
public sealed record GpuMemory(IReadOnlyList<GpuMemorySample> Gpus, double Used, double Total, UsageError Error);

/// <summary>One GPU's GPM activity (percent, time-averaged); a figure the job has no series for is null.</summary>
public sealed record GpuActivitySample(string Node, string Minor, Figure? SmActive, Figure? TensorActive, Figure? DramActive);

/// <summary>
/// Reduces the node dictionary to the job's overall efficiencies. A missing figure, an allocation of zero or use
/// above the allocation each yield an error instead of a number (and never an exception).
/// </summary>
internal static class Reductions
{
    public static CpuEfficiency Cpu(JobUsage usage, double runSeconds)
    {
        var nodes = new List<NodeCpu>();
        foreach (var (name, node) in usage.Nodes)
        {
            if (node.TotalTime is not { } used || node.Cpus is not { } cores)
                return new CpuEfficiency(nodes, 0, 0, 0, UsageError.MissingData);
            nodes.Add(new NodeCpu(name, used.Value, runSeconds * cores.Value, cores.Value));
        }
        double sumUsed = nodes.Sum(n => n.UsedSeconds), sumAlloc = nodes.Sum(n => n.AllocatedSeconds);
        double sumCores = nodes.Sum(n => n.Cores);
        return new CpuEfficiency(nodes, sumUsed, sumAlloc, sumCores, Classify(nodes.Count, sumUsed, sumAlloc));
    }

    public static MemoryEfficiency Memory(JobUsage usage)
    {
        var nodes = new List<NodeMemory>();
        foreach (var (name, node) in usage.Nodes)
        {
            if (node.UsedMemory is not { } used || node.TotalMemory is not { } total || node.Cpus is not { } cores)
                return new MemoryEfficiency(nodes, 0, 0, 0, UsageError.MissingData);
            nodes.Add(new NodeMemory(name, used.Value, total.Value, cores.Value));
        }
        double sumUsed = nodes.Sum(n => n.Used), sumAlloc = nodes.Sum(n => n.Allocated), sumCores = nodes.Sum(n => n.Cores);
        return new MemoryEfficiency(nodes, sumUsed, sumAlloc, sumCores, Classify(nodes.Count, sumUsed, sumAlloc));
    }

    public static GpuUtilization Gpu(JobUsage usage)
    {
        var gpus = new List<GpuUtilizationSample>();
        foreach (var (name, node) in usage.Nodes)
        {
            if (node.GpuUtilization is null) return new GpuUtilization(gpus, 0, UsageError.MissingData);
            foreach (var minor in OrderMinors(node.GpuUtilization.Keys))
                gpus.Add(new GpuUtilizationSample(name, minor, node.GpuUtilization[minor]));
        }
        if (gpus.Count == 0) return new GpuUtilization(gpus, 0, UsageError.MissingData);
        return new GpuUtilization(gpus, gpus.Average(g => g.Utilization.Value), UsageError.None);
    }

    public static GpuMemory GpuMemoryUse(JobUsage usage)
    {
        var gpus = new List<GpuMemorySample>();
        foreach (var (name, node) in usage.Nodes)
        {
            if (node.GpuTotalMemory is null || node.GpuUsedMemory is null) return new GpuMemory(gpus, 0, 0, UsageError.MissingData);
            foreach (var minor in OrderMinors(node.GpuTotalMemory.Keys))
            {
                if (!node.GpuUsedMemory.TryGetValue(minor, out Figure used)) return new GpuMemory(gpus, 0, 0, UsageError.MissingData);
                gpus.Add(new GpuMemorySample(name, minor, used.Value, node.GpuTotalMemory[minor].Value));
            }
        }
        double sumUsed = gpus.Sum(g => g.Used), sumTotal = gpus.Sum(g => g.Total);
        if (gpus.Count == 0) return new GpuMemory(gpus, 0, 0, UsageError.MissingData);
        return new GpuMemory(gpus, sumUsed, sumTotal, Classify(gpus.Count, sumUsed, sumTotal));
    }

    /// <summary>Every GPU with at least one activity figure, by node then GPU; empty when the job has none.</summary>
    public static IReadOnlyList<GpuActivitySample> GpuActivity(JobUsage usage)
    {
        var gpus = new List<GpuActivitySample>();
        foreach (var (name, node) in usage.Nodes)
        {
            var minors = Keys(node.GpuSmActive).Concat(Keys(node.GpuTensorActive)).Concat(Keys(node.GpuDramActive)).Distinct(StringComparer.Ordinal);
            foreach (var minor in OrderMinors(minors))
                gpus.Add(new GpuActivitySample(name, minor, Get(node.GpuSmActive, minor), Get(node.GpuTensorActive, minor), Get(node.GpuDramActive, minor)));
        }
        return gpus;
    }

    private static IEnumerable<string> Keys(OrderedDictionary<string, Figure>? map) => map is null ? [] : map.Keys;

    private static Figure? Get(OrderedDictionary<string, Figure>? map, string minor) =>
        map is not null && map.TryGetValue(minor, out Figure figure) ? figure : null;

    /// <summary>
    /// GPUs in numeric order of their minor number (so GPU 10 follows GPU 9), MIG slices ("0.3") by GPU then
    /// instance, other keys last by text.
    /// </summary>
    public static IEnumerable<string> OrderMinors(IEnumerable<string> minors) =>
        minors.OrderBy(m => Part(m, 0)).ThenBy(m => Part(m, 1)).ThenBy(m => m, StringComparer.Ordinal);

    // The key's parts around its dots, read in place (no split: every GPU job of a table orders its minors).
    private static long Part(string minor, int index)
    {
        ReadOnlySpan<char> text = minor;
        int dot = text.IndexOf('.');
        int parts = dot < 0 ? 1 : text[(dot + 1)..].Contains('.') ? 3 : 2;
        if (parts > 2 || index >= parts) return index == 0 ? long.MaxValue : -1;
        ReadOnlySpan<char> part = dot < 0 ? text : index == 0 ? text[..dot] : text[(dot + 1)..];
        return long.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long n)
            ? n : long.MaxValue;
    }

    private static UsageError Classify(int count, double used, double allocated)
    {
        if (count == 0) return UsageError.MissingData;
        if (allocated <= 0) return UsageError.ZeroAllocation;
        if (used > allocated) return UsageError.AboveAllocation;
        return UsageError.None;
    }
}
