namespace Jobstats.Core.Config;

/// <summary>Prometheus metric names the report queries; sites with other exporters can rename them.</summary>
public sealed class MetricNames
{
    public string CpuTotalSeconds { get; set; } = "cgroup_cpu_total_seconds";
    public string Cpus { get; set; } = "cgroup_cpus";
    public string MemoryTotalBytes { get; set; } = "cgroup_memory_total_bytes";
    public string MemoryRssBytes { get; set; } = "cgroup_memory_rss_bytes";
    public string MemoryShmemBytes { get; set; } = "cgroup_memory_shmem_bytes";
    public string GpuMemoryTotalBytes { get; set; } = "nvidia_gpu_memory_total_bytes";
    public string GpuMemoryUsedBytes { get; set; } = "nvidia_gpu_memory_used_bytes";
    public string GpuDutyCycle { get; set; } = "nvidia_gpu_duty_cycle";
    public string GpuGraphicsUtilPercent { get; set; } = "nvidia_gpu_graphics_util_percent";
    public string GpuJobId { get; set; } = "nvidia_gpu_jobId";
    // GPM activity (Hopper and newer), exported as fractions 0-1 despite the names.
    public string GpuSmUtilPercent { get; set; } = "nvidia_gpu_sm_util_percent";
    public string GpuAnyTensorUtilPercent { get; set; } = "nvidia_gpu_any_tensor_util_percent";
    public string GpuDramBwUtilPercent { get; set; } = "nvidia_gpu_dram_bw_util_percent";

    public IEnumerable<(string Key, Func<string> Get, Action<string> Set)> Entries() =>
    [
        ("cpu_total_seconds", () => CpuTotalSeconds, v => CpuTotalSeconds = v),
        ("cpus", () => Cpus, v => Cpus = v),
        ("memory_total_bytes", () => MemoryTotalBytes, v => MemoryTotalBytes = v),
        ("memory_rss_bytes", () => MemoryRssBytes, v => MemoryRssBytes = v),
        ("memory_shmem_bytes", () => MemoryShmemBytes, v => MemoryShmemBytes = v),
        ("gpu_memory_total_bytes", () => GpuMemoryTotalBytes, v => GpuMemoryTotalBytes = v),
        ("gpu_memory_used_bytes", () => GpuMemoryUsedBytes, v => GpuMemoryUsedBytes = v),
        ("gpu_duty_cycle", () => GpuDutyCycle, v => GpuDutyCycle = v),
        ("gpu_graphics_util_percent", () => GpuGraphicsUtilPercent, v => GpuGraphicsUtilPercent = v),
        ("gpu_job_id", () => GpuJobId, v => GpuJobId = v),
        ("gpu_sm_util_percent", () => GpuSmUtilPercent, v => GpuSmUtilPercent = v),
        ("gpu_any_tensor_util_percent", () => GpuAnyTensorUtilPercent, v => GpuAnyTensorUtilPercent = v),
        ("gpu_dram_bw_util_percent", () => GpuDramBwUtilPercent, v => GpuDramBwUtilPercent = v),
    ];
}
