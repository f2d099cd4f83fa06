using Jobstats.Core.Efficiency;
using Jobstats.Core.Notes;

namespace Jobstats.Core.Waste;

/// <summary>
/// What one finished job allocated and left unused, in resource-hours. Each amount is known only where the stored
/// summary has the figure it rests on (a job without a summary adds to <see cref="GpuHours"/> and
/// <see cref="CpuHours"/> only); "unused" is allocated minus used, never negative.
/// </summary>
public sealed record WasteAmounts(double GpuHours, double? GpuHoursUsed, double? GpuHoursIdle, double CpuHours, double? CpuHoursUnused,
    double? MemoryGbHoursUnused, double? TimeLimitHoursUnused)
{
    /// <summary>The amount names a waste rule may count and test, with how to read each.</summary>
    public static readonly IReadOnlyList<(string Name, Func<WasteAmounts, double?> Get)> Named =
    [
        ("gpu_hours", a => a.GpuHours),
        ("gpu_hours_used", a => a.GpuHoursUsed),
        ("gpu_hours_unused", a => a.GpuHoursUsed is { } used ? Math.Max(0, a.GpuHours - used) : null),
        ("gpu_hours_idle", a => a.GpuHoursIdle),
        ("cpu_hours", a => a.CpuHours),
        ("cpu_hours_unused", a => a.CpuHoursUnused),
        ("memory_gb_hours_unused", a => a.MemoryGbHoursUnused),
        ("time_limit_hours_unused", a => a.TimeLimitHoursUnused),
    ];

    public static readonly IReadOnlySet<string> Names = Named.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);

    public static WasteAmounts Of(JobAnalysis job)
    {
        var r = job.Record;
        double hours = job.RunSeconds / 3600.0;
        double gpuHours = r.Gpus * hours;
        double? gpuUsed = null, gpuIdle = null;
        if (r.Gpus > 0 && job.Gpu is { Error: UsageError.None } gpu)
        {
            gpuUsed = gpuHours * Math.Clamp(gpu.Mean, 0, 100) / 100;
            // A GPU the summary does not list was never seen busy either: idle counts allocated GPUs beyond those listed.
            int idleGpus = job.UnusedGpus + Math.Max(0, r.Gpus - gpu.Gpus.Count);
            gpuIdle = Math.Min(r.Gpus, idleGpus) * hours;
        }
        double cpuHours = r.Cores * hours;
        double? cpuUnused = job.Cpu.Error == UsageError.None ? Math.Max(0, cpuHours - job.Cpu.Used / 3600) : null;
        const double GiB = 1024.0 * 1024 * 1024;
        double? memoryUnused = job.Memory.Error == UsageError.None
            ? Math.Max(0, (job.Memory.Allocated - job.Memory.Used) / GiB) * hours : null;
        double? limitUnused = r.End is not null && r.State != "TIMEOUT" && r.TimeLimitMinutes is > 0 and long limit
            ? Math.Max(0, limit / 60.0 - hours) : null;
        return new WasteAmounts(gpuHours, gpuUsed, gpuIdle, cpuHours, cpuUnused, memoryUnused, limitUnused);
    }

    /// <summary>The job's note figures and these amounts, for the rules' conditions.</summary>
    internal IReadOnlyDictionary<string, FigureValue> WithFigures(IReadOnlyDictionary<string, FigureValue> jobFigures)
    {
        var all = new Dictionary<string, FigureValue>(jobFigures, StringComparer.Ordinal);
        foreach (var (name, get) in Named)
            if (get(this) is { } value) all[name] = FigureValue.Of(value);
        return all;
    }
}
