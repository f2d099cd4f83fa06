namespace Jobstats.Core.Waste;

/// <summary>
/// The waste report's columns every installation starts with. Sites change the thresholds by replacing a rule of the
/// same name, or add their own, in the config's <c>waste.rules</c>; both go through the same parser.
/// </summary>
internal static class DefaultWasteRules
{
    public static IReadOnlyList<WasteRule> All { get; } =
    [
        WasteRule.Create("idle-gpus", "idle-GPU jobs", ["gpu_hours_idle > 0"], "gpu_hours_idle"),
        WasteRule.Create("low-gpu-utilization", "GPU-h low util",
            ["gpus > 0", "gpu_utilization < gpu_util_red", "run_time_seconds > min_runtime_seconds"], "gpu_hours_unused"),
        WasteRule.Create("low-cpu-efficiency", "CPU-h low eff",
            ["gpus == 0", "cpu_efficiency < cpu_util_red", "run_time_seconds > min_runtime_seconds"], "cpu_hours_unused"),
        WasteRule.Create("excess-memory", "mem GB-h excess",
            ["cpu_memory_efficiency < min_memory_usage", "memory_unused_gb >= 4", "state != 'OUT_OF_MEMORY'"], "memory_gb_hours_unused"),
        WasteRule.Create("excess-time-limit", "limit-h excess",
            ["time_efficiency <= time_efficiency_red", "run_time_seconds > 900"], "time_limit_hours_unused"),
    ];
}
