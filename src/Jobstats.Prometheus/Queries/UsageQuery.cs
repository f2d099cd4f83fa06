namespace Jobstats.Prometheus.Queries;

/// <summary>Which node-dictionary figure a query fills.</summary>
public enum UsageFigure { TotalMemory, UsedMemory, TotalTime, Cpus, GpuTotalMemory, GpuUsedMemory, GpuUtilization }

public sealed record UsageQuery(UsageFigure Figure, string PromQl)
{
    public bool IsPerGpu => Figure is UsageFigure.GpuTotalMemory or UsageFigure.GpuUsedMemory or UsageFigure.GpuUtilization;
}
