using Jobstats.Core.Efficiency;

namespace Jobstats.Core.Rendering;

/// <summary>Short explanations shown in place of a meter when a figure cannot be computed.</summary>
internal static class ErrorTexts
{
    public static string Cpu(UsageError error) => error switch
    {
        UsageError.MissingData => "(CPU figures are missing from the data)",
        UsageError.AboveAllocation => "(the data shows more CPU time than was allocated)",
        UsageError.ZeroAllocation => "(the allocated CPU time is zero)",
        _ => "(not available)",
    };

    public static string Memory(UsageError error) => error switch
    {
        UsageError.MissingData => "(memory figures are missing from the data)",
        UsageError.AboveAllocation => "(the data shows more memory used than allocated)",
        UsageError.ZeroAllocation => "(the allocated memory is zero)",
        _ => "(not available)",
    };

    public static string Gpu(UsageError error) => error switch
    {
        UsageError.MissingData => "(GPU utilization is not known)",
        _ => "(not available)",
    };

    public static string GpuMemory(UsageError error) => error switch
    {
        UsageError.MissingData => "(GPU memory figures are missing from the data)",
        UsageError.AboveAllocation => "(the data shows more GPU memory used than the GPUs have)",
        UsageError.ZeroAllocation => "(the GPUs report zero total memory)",
        _ => "(not available)",
    };
}
