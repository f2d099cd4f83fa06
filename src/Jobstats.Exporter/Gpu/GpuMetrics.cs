using Jobstats.Metrics.Exposition;

namespace Jobstats.Exporter.Gpu;

/// <summary>GPU families with the names and labels of plazonic/nvidia_gpu_prometheus_exporter.</summary>
internal static class GpuMetrics
{
    private static readonly string[] Labels = ["ordinal", "minor_number", "uuid", "name", "GPU_I_ID", "jobid", "userid"];

    public static readonly MetricFamily NumDevices = new("nvidia_gpu_num_devices", "Number of GPUs NVML reports.");
    public static readonly MetricFamily MemoryUsed = new("nvidia_gpu_memory_used_bytes", "GPU memory used in bytes.", Labels);
    public static readonly MetricFamily MemoryTotal = new("nvidia_gpu_memory_total_bytes", "GPU memory in bytes.", Labels);
    public static readonly MetricFamily DutyCycle = new("nvidia_gpu_duty_cycle", "Percent of time a kernel ran on the GPU over the last sample period (0-100).", Labels);
    public static readonly MetricFamily Power = new("nvidia_gpu_power_usage_milliwatts", "GPU power draw in milliwatts.", Labels);
    public static readonly MetricFamily Temperature = new("nvidia_gpu_temperature_celsius", "GPU temperature in degrees Celsius.", Labels);
    public static readonly MetricFamily GraphicsUtil = new("nvidia_gpu_graphics_util_percent",
        "GPM graphics engine utilisation since the previous scrape, as a fraction 0-1 (Hopper and newer, also per MIG instance).", Labels);
    public static readonly MetricFamily JobId = new("nvidia_gpu_jobId", "Id of the Slurm job holding the GPU.", Labels);
    public static readonly MetricFamily JobUid = new("nvidia_gpu_jobUid", "Uid of the owner of the Slurm job holding the GPU.", Labels);
    public static readonly MetricFamily CollectorEnabled = new("jobstats_exporter_gpu_collector_enabled",
        "1 when NVML loaded and initialised; 0 with the reason when the GPU collector is disabled.", "reason");
    public static readonly MetricFamily DeviceError = new("jobstats_exporter_gpu_device_error",
        "1 when a GPU could not be queried in this scrape (for example NVML_ERROR_GPU_IS_LOST).", "ordinal", "error");

    public static IReadOnlyList<MetricFamily> All { get; } =
        [NumDevices, MemoryUsed, MemoryTotal, DutyCycle, Power, Temperature, GraphicsUtil, JobId, JobUid, CollectorEnabled, DeviceError];
}
