using Jobstats.Core.Config;
using Jobstats.Core.Formatting;
using Jobstats.Core.Model;
using Jobstats.Core.Summary;
using Jobstats.Prometheus.Api;

namespace Jobstats.Prometheus.Queries;

/// <summary>
/// Folds one answered series into a job's node dictionary: the one place that decides which host, GPU and figure a
/// series stands for, for one job's queries and for the table's queries over many jobs alike.
/// </summary>
internal static class SeriesFolding
{
    public static void Add(JobUsage usage, UsageFigure figureKind, Series series, JobstatsConfig config, Action<string>? debug)
    {
        if (series.Samples.Count == 0) return;
        SampleValue sample = series.Samples[^1].Value;
        string instance = series.Label(config.Labels.Instance);
        string host = instance.Contains(':') ? instance[..instance.LastIndexOf(':')] : instance;
        if (host.StartsWith('[') && host.EndsWith(']')) host = host[1..^1];
        if (host.Length == 0) return;
        // Beyond 2^53 a figure is no longer exact, and the stored summary refuses it: such a sample is as broken as NaN.
        if (!sample.IsFinite || sample.Value < 0 || sample.Value > SummaryCodec.MaxFigure)
        {
            debug?.Invoke($"ignoring {figureKind} = {sample.Value} for {host}: not a usable figure");
            return;
        }
        // Integer text stays an integer; anything else is kept to one decimal, as the summary format has it.
        Figure figure = sample.LooksInteger ? Figure.Integer((long)sample.Value) : Figure.Float(PythonNumbers.Round(sample.Value, 1));
        NodeUsage node = usage.Node(host);
        if (UsageQuery.IsPerGpuFigure(figureKind))
        {
            string minor = series.Label(config.Labels.MinorNumber);
            if (minor.Length == 0) return;
            // MIG slices of one GPU share its minor number; keep them apart as "minor.instance" (e.g. "0.3").
            string instanceId = series.Label(config.Labels.GpuInstance);
            if (instanceId.Length > 0) minor = minor + "." + instanceId;
            var map = figureKind switch
            {
                UsageFigure.GpuTotalMemory => node.GpuTotalMemory ??= new(StringComparer.Ordinal),
                UsageFigure.GpuUsedMemory => node.GpuUsedMemory ??= new(StringComparer.Ordinal),
                UsageFigure.GpuSmActive => node.GpuSmActive ??= new(StringComparer.Ordinal),
                UsageFigure.GpuTensorActive => node.GpuTensorActive ??= new(StringComparer.Ordinal),
                UsageFigure.GpuDramActive => node.GpuDramActive ??= new(StringComparer.Ordinal),
                _ => node.GpuUtilization ??= new(StringComparer.Ordinal),
            };
            map[minor] = figure;
            return;
        }
        switch (figureKind)
        {
            case UsageFigure.TotalMemory: node.TotalMemory = figure; break;
            case UsageFigure.UsedMemory: node.UsedMemory = figure; break;
            case UsageFigure.TotalTime: node.TotalTime = figure; break;
            case UsageFigure.Cpus: node.Cpus = figure; break;
        }
    }
}
