using System.Runtime.InteropServices;

namespace Jobstats.Exporter.Gpu;

/// <summary>GPM (GPU performance monitoring, Hopper and newer) structures from nvml.h.</summary>
internal static class NvmlGpm
{
    public const uint SupportVersion = 1;      // NVML_GPM_SUPPORT_VERSION
    public const uint MetricsGetVersion = 1;   // NVML_GPM_METRICS_GET_VERSION
    public const uint GraphicsUtil = 1;        // NVML_GPM_METRIC_GRAPHICS_UTIL, percent 0-100
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
