using Jobstats.Metrics.Exposition;

namespace Jobstats.Exporter.Gpu;

/// <summary>GPU families with the names and labels of plazonic/nvidia_gpu_prometheus_exporter.</summary>
internal static class GpuMetrics
{
    private static readonly string[] Labels = ["ordinal", "minor_number", "uuid", "name", "GPU_I_ID", "jobid", "userid"];
    private static readonly string[] DeviceLabels = ["ordinal", "minor_number", "uuid", "name", "GPU_I_ID"];
    private static readonly string[] EccLabels = ["ordinal", "minor_number", "uuid", "name", "error", "counter"];

    public static readonly MetricFamily NumDevices = new("nvidia_gpu_num_devices", "Number of GPUs NVML reports.");
    public static readonly MetricFamily MemoryUsed = new("nvidia_gpu_memory_used_bytes", "GPU memory used in bytes.", Labels);
    public static readonly MetricFamily MemoryTotal = new("nvidia_gpu_memory_total_bytes", "GPU memory in bytes.", Labels);
    public static readonly MetricFamily DutyCycle = new("nvidia_gpu_duty_cycle", "Percent of time a kernel ran on the GPU over the last sample period (0-100).", Labels);
    public static readonly MetricFamily Power = new("nvidia_gpu_power_usage_milliwatts", "GPU power draw in milliwatts.", Labels);
    public static readonly MetricFamily Temperature = new("nvidia_gpu_temperature_celsius", "GPU temperature in degrees Celsius.", Labels);
    public static readonly MetricFamily FanSpeed = new("nvidia_gpu_fanspeed_percent", "Fan speed as a percent of its maximum (0-100).", Labels);
    public static readonly MetricFamily Clock = new("nvidia_gpu_clock", "Current clock in MHz of one clock domain (type: graphics, sm, mem, video).",
        [.. Labels, "type"]);
    public static readonly MetricFamily ClockEventReason = new("nvidia_gpu_clock_event_reason",
        "Bit mask of the NVML clocks event (throttle) reasons in force; reason names its bits, or none.", [.. Labels, "reason"]);
    public static readonly MetricFamily EccErrors = new("nvidia_gpu_ecc_errors",
        "Total ECC memory errors of the physical GPU (error: corrected, uncorrected; counter: volatile since driver load, aggregate over its life).",
        EccLabels);
    public static readonly MetricFamily LastError = new("nvidia_gpu_last_error",
        "NVML error code (nvmlReturn_t) of the last query of this GPU or MIG instance that failed in this scrape, other than not supported.",
        DeviceLabels);
    public static readonly MetricFamily GraphicsUtil = new("nvidia_gpu_graphics_util_percent",
        "GPM graphics engine utilisation since the previous scrape, as a fraction 0-1 (Hopper and newer, also per MIG instance).", Labels);
    public static readonly MetricFamily SmUtil = new("nvidia_gpu_sm_util_percent",
        "GPM share of SMs busy (SM active) since the previous scrape, as a fraction 0-1.", Labels);
    public static readonly MetricFamily SmOccupancy = new("nvidia_gpu_sm_occupancy_percent",
        "GPM warps active against the theoretical maximum since the previous scrape, as a fraction 0-1.", Labels);
    public static readonly MetricFamily IntegerUtil = new("nvidia_gpu_integer_util",
        "GPM share of time the SMs did integer operations since the previous scrape, as a fraction 0-1.", Labels);
    public static readonly MetricFamily AnyTensorUtil = new("nvidia_gpu_any_tensor_util_percent",
        "GPM share of time the SMs did any tensor operations since the previous scrape, as a fraction 0-1.", Labels);
    public static readonly MetricFamily DramBwUtil = new("nvidia_gpu_dram_bw_util_percent",
        "GPM DRAM bandwidth used against the theoretical maximum since the previous scrape, as a fraction 0-1.", Labels);
    public static readonly MetricFamily Fp64Util = new("nvidia_gpu_fp64_util_percent",
        "GPM share of time the SMs did non-tensor FP64 math since the previous scrape, as a fraction 0-1.", Labels);
    public static readonly MetricFamily Fp32Util = new("nvidia_gpu_fp32_util_percent",
        "GPM share of time the SMs did non-tensor FP32 math since the previous scrape, as a fraction 0-1.", Labels);
    public static readonly MetricFamily Fp16Util = new("nvidia_gpu_fp16_util_percent",
        "GPM share of time the SMs did non-tensor FP16 math since the previous scrape, as a fraction 0-1.", Labels);
    public static readonly MetricFamily PcieTx = new("nvidia_gpu_pcie_tx_per_sec",
        "GPM PCIe traffic from the GPU since the previous scrape, in bytes per second.", Labels);
    public static readonly MetricFamily PcieRx = new("nvidia_gpu_pcie_rx_per_sec",
        "GPM PCIe traffic to the GPU since the previous scrape, in bytes per second.", Labels);
    public static readonly MetricFamily NvlinkRx = new("nvidia_gpu_nvlink_total_rx_per_sec",
        "GPM NVLink traffic read over all links since the previous scrape, in bytes per second.", Labels);
    public static readonly MetricFamily NvlinkTx = new("nvidia_gpu_nvlink_total_tx_per_sec",
        "GPM NVLink traffic written over all links since the previous scrape, in bytes per second.", Labels);
    public static readonly MetricFamily JobId = new("nvidia_gpu_jobId", "Id of the Slurm job holding the GPU.", Labels);
    public static readonly MetricFamily JobUid = new("nvidia_gpu_jobUid", "Uid of the owner of the Slurm job holding the GPU.", Labels);
    public static readonly MetricFamily CollectorEnabled = new("jobstats_exporter_gpu_collector_enabled",
        "1 when NVML loaded and initialised; 0 with the reason when the GPU collector is disabled.", "reason");
    public static readonly MetricFamily DeviceError = new("jobstats_exporter_gpu_device_error",
        "1 when a GPU could not be queried in this scrape (for example NVML_ERROR_GPU_IS_LOST).", "ordinal", "error");

    /// <summary>
    /// The GPM metrics, all read in one nvmlGpmMetricsGet call. NVML gives percentages and MiB/s; as upstream
    /// exports them, utilisations become fractions 0-1 (despite the "_percent" names) and rates bytes per second.
    /// </summary>
    public static IReadOnlyList<(uint MetricId, MetricFamily Family, bool IsRate)> Gpm { get; } =
    [
        (NvmlGpm.GraphicsUtil, GraphicsUtil, false),
        (NvmlGpm.SmUtil, SmUtil, false),
        (NvmlGpm.SmOccupancy, SmOccupancy, false),
        (NvmlGpm.IntegerUtil, IntegerUtil, false),
        (NvmlGpm.AnyTensorUtil, AnyTensorUtil, false),
        (NvmlGpm.DramBwUtil, DramBwUtil, false),
        (NvmlGpm.Fp64Util, Fp64Util, false),
        (NvmlGpm.Fp32Util, Fp32Util, false),
        (NvmlGpm.Fp16Util, Fp16Util, false),
        (NvmlGpm.PcieTxPerSec, PcieTx, true),
        (NvmlGpm.PcieRxPerSec, PcieRx, true),
        (NvmlGpm.NvlinkTotalRxPerSec, NvlinkRx, true),
        (NvmlGpm.NvlinkTotalTxPerSec, NvlinkTx, true),
    ];

    /// <summary>A GPM value as exported: a percentage divided (not multiplied by 0.01, which is inexact), MiB/s scaled.</summary>
    public static double GpmExported(double nvmlValue, bool isRate) => isRate ? nvmlValue * 1024 * 1024 : nvmlValue / 100;

    public static IReadOnlyList<MetricFamily> All { get; } =
    [
        NumDevices, MemoryUsed, MemoryTotal, DutyCycle, Power, Temperature, FanSpeed, Clock, ClockEventReason, EccErrors,
        LastError, .. Gpm.Select(g => g.Family), JobId, JobUid, CollectorEnabled, DeviceError,
    ];
}
