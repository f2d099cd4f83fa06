namespace Jobstats.Prometheus.Queries;

/// <summary>Which node-dictionary figure a query fills.</summary>
public enum UsageFigure
{
    TotalMemory, UsedMemory, TotalTime, Cpus, GpuTotalMemory, GpuUsedMemory, GpuUtilization, GpuSmActive, GpuTensorActive, GpuDramActive,
}

public sealed record UsageQuery(UsageFigure Figure, string PromQl)
{
    public bool IsPerGpu => IsPerGpuFigure(Figure);

    public static bool IsPerGpuFigure(UsageFigure figure) => figure is UsageFigure.GpuTotalMemory or UsageFigure.GpuUsedMemory or UsageFigure.GpuUtilization
        or UsageFigure.GpuSmActive or UsageFigure.GpuTensorActive or UsageFigure.GpuDramActive;
}
