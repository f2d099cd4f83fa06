using Jobstats.Core.Config;
using Jobstats.Core.Formatting;
using Jobstats.Core.Model;

namespace Jobstats.Core.Efficiency;

/// <summary>Where the per-node figures of a report came from.</summary>
public enum UsageSource { None, Summary, Prometheus }

/// <summary>
/// A job's record and usage reduced to the figures the report shows: overall percentages (each rounded the way the
/// classic report rounds it), time efficiency and error states.
/// </summary>
public sealed class JobAnalysis
{
    public JobRecord Record { get; }
    public JobUsage Usage { get; }
    public UsageSource Source { get; }
    public long RunSeconds { get; }
    public CpuEfficiency Cpu { get; }
    public MemoryEfficiency Memory { get; }
    public GpuUtilization? Gpu { get; }
    public GpuMemory? GpuMemory { get; }
    /// <summary>
    /// GPM activity per GPU (SM, tensor, DRAM); empty for CPU jobs and where the exporter has no GPM. Worked out when
    /// first asked for: a table's rows never ask.
    /// </summary>
    public IReadOnlyList<GpuActivitySample> GpuActivity => _gpuActivity ??= Record.Gpus > 0 ? Reductions.GpuActivity(Usage) : [];

    private IReadOnlyList<GpuActivitySample>? _gpuActivity;
    public long? TimeEfficiency { get; }
    public bool TimeLimitFarAboveRunTime { get; }
    public bool SampledTooBriefly { get; }

    public JobAnalysis(JobRecord record, JobUsage usage, UsageSource source, long now, JobstatsConfig config)
    {
        Record = record;
        Usage = usage;
        Source = source;
        long start = record.Start ?? now;
        RunSeconds = Math.Max(0, (record.End ?? now) - start);
        Cpu = Reductions.Cpu(usage, RunSeconds);
        Memory = Reductions.Memory(usage);
        if (record.Gpus > 0)
        {
            Gpu = Reductions.Gpu(usage);
            GpuMemory = Reductions.GpuMemoryUse(usage);
        }
        SampledTooBriefly = RunSeconds < 2L * config.SamplingPeriodSeconds;
        if (record.State == "COMPLETED" && record.TimeLimitMinutes is > 0 and long limit)
        {
            TimeEfficiency = Math.Min(100, PythonNumbers.RoundToInteger(100.0 * RunSeconds / (60.0 * limit)));
            TimeLimitFarAboveRunTime = TimeEfficiency < config.Thresholds.TimeEfficiencyBlack &&
                RunSeconds > 3 * config.Thresholds.MinRuntimeSeconds;
        }
    }

    public bool HasUsage => !Usage.IsEmpty;

    public bool AllFiguresValid => Cpu.Error == UsageError.None && Memory.Error == UsageError.None &&
        (Gpu is null || Gpu.Error == UsageError.None) && (GpuMemory is null || GpuMemory.Error == UsageError.None);

    /// <summary>CPU efficiency with one decimal (half-even), as the detail lines and notes use it.</summary>
    public double CpuEfficiencyPercent => Cpu.Error == UsageError.None ? PythonNumbers.Round(100 * Cpu.Used / Cpu.Allocated, 1) : 0;

    /// <summary>The CPU meter truncates the one-decimal value: 6.9 % shows as 6 %.</summary>
    public long CpuMeterPercent => (long)CpuEfficiencyPercent;

    public long MemoryPercent => Memory.Error == UsageError.None ? PythonNumbers.RoundToInteger(100 * Memory.Used / Memory.Allocated) : 0;

    public long GpuPercent => Gpu is { Error: UsageError.None } g ? PythonNumbers.RoundToInteger(g.Mean) : 0;

    public long GpuMemoryPercent => GpuMemory is { Error: UsageError.None } m ? PythonNumbers.RoundToInteger(100 * m.Used / m.Total) : 0;

    public int UnusedGpus => Gpu is { Error: UsageError.None } g ? g.Gpus.Count(s => s.Utilization.Value == 0) : 0;

    public int UnusedNodes => Cpu.Error == UsageError.None ? Cpu.Nodes.Count(n => n.UsedSeconds == 0) : 0;
}
