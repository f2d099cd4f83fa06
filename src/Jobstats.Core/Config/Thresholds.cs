namespace Jobstats.Core.Config;

/// <summary>Percentages and durations that colour the meters and drive the built-in notes.</summary>
public sealed class Thresholds
{
    public double CpuUtilRed { get; set; } = 65;
    public double CpuUtilBlack { get; set; } = 80;
    public double GpuUtilRed { get; set; } = 15;
    public double GpuUtilBlack { get; set; } = 25;
    public double CpuMemUtilRed { get; set; } = 0;
    public double GpuMemUtilRed { get; set; } = 0;
    public double TimeEfficiencyRed { get; set; } = 10;
    public double TimeEfficiencyBlack { get; set; } = 60;
    public double MinMemoryUsage { get; set; } = 70;
    public double MinRuntimeSeconds { get; set; } = 300;

    /// <summary>Each threshold under its YAML key, also usable by name in note conditions.</summary>
    public IEnumerable<(string Key, Func<double> Get, Action<double> Set)> Entries() =>
    [
        ("cpu_util_red", () => CpuUtilRed, v => CpuUtilRed = v),
        ("cpu_util_black", () => CpuUtilBlack, v => CpuUtilBlack = v),
        ("gpu_util_red", () => GpuUtilRed, v => GpuUtilRed = v),
        ("gpu_util_black", () => GpuUtilBlack, v => GpuUtilBlack = v),
        ("cpu_mem_util_red", () => CpuMemUtilRed, v => CpuMemUtilRed = v),
        ("gpu_mem_util_red", () => GpuMemUtilRed, v => GpuMemUtilRed = v),
        ("time_efficiency_red", () => TimeEfficiencyRed, v => TimeEfficiencyRed = v),
        ("time_efficiency_black", () => TimeEfficiencyBlack, v => TimeEfficiencyBlack = v),
        ("min_memory_usage", () => MinMemoryUsage, v => MinMemoryUsage = v),
        ("min_runtime_seconds", () => MinRuntimeSeconds, v => MinRuntimeSeconds = v),
    ];
}
