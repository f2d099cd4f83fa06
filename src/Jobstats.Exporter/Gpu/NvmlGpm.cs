using System.Runtime.InteropServices;

namespace Jobstats.Exporter.Gpu;

/// <summary>GPM (GPU performance monitoring, Hopper and newer) structures from nvml.h.</summary>
internal static class NvmlGpm
{
    public const uint SupportVersion = 1;      // NVML_GPM_SUPPORT_VERSION
    public const uint MetricsGetVersion = 1;   // NVML_GPM_METRICS_GET_VERSION
    // nvmlGpmMetricId_t. Utilisations are percentages 0-100, transfer rates MiB/s.
    public const uint GraphicsUtil = 1;        // NVML_GPM_METRIC_GRAPHICS_UTIL
    public const uint SmUtil = 2;              // NVML_GPM_METRIC_SM_UTIL
    public const uint SmOccupancy = 3;         // NVML_GPM_METRIC_SM_OCCUPANCY
    public const uint IntegerUtil = 4;         // NVML_GPM_METRIC_INTEGER_UTIL
    public const uint AnyTensorUtil = 5;       // NVML_GPM_METRIC_ANY_TENSOR_UTIL
    public const uint DramBwUtil = 10;         // NVML_GPM_METRIC_DRAM_BW_UTIL
    public const uint Fp64Util = 11;           // NVML_GPM_METRIC_FP64_UTIL
    public const uint Fp32Util = 12;           // NVML_GPM_METRIC_FP32_UTIL
    public const uint Fp16Util = 13;           // NVML_GPM_METRIC_FP16_UTIL
    public const uint PcieTxPerSec = 20;       // NVML_GPM_METRIC_PCIE_TX_PER_SEC
    public const uint PcieRxPerSec = 21;       // NVML_GPM_METRIC_PCIE_RX_PER_SEC
    public const uint NvlinkTotalRxPerSec = 60; // NVML_GPM_METRIC_NVLINK_TOTAL_RX_PER_SEC
    public const uint NvlinkTotalTxPerSec = 61; // NVML_GPM_METRIC_NVLINK_TOTAL_TX_PER_SEC
    public const int MetricMax = 98;           // NVML_GPM_METRIC_MAX (capacity of the metrics array)
}

/// <summary>nvmlGpmSupport_t.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NvmlGpmSupport
{
    public uint Version;
    public uint IsSupportedDevice;
}

/// <summary>nvmlGpmMetric_t: metricId, nvmlReturn, value, then metricInfo { shortName, longName, unit } pointers.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NvmlGpmMetric
{
    public uint MetricId;
    public NvmlReturn Return;
    public double Value;
    public nint ShortName;
    public nint LongName;
    public nint Unit;
}

/// <summary>nvmlGpmMetricsGet_t: version, numMetrics, sample1, sample2, metrics[NVML_GPM_METRIC_MAX].</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NvmlGpmMetricsGet
{
    public uint Version;
    public uint NumMetrics;
    public nint Sample1;
    public nint Sample2;
    public fixed byte Metrics[NvmlGpm.MetricMax * 40];
}
