namespace Jobstats.Deploy.Capacity;

/// <summary>One store's share of a cluster: disk a day, for its retention, and resident memory.</summary>
public sealed record StoreFigures(StoreCost Cost, double DiskPerDay, string Retention, double DiskForRetention, double Memory);

/// <summary>What `jobstatsctl capacity` prints, before it is laid out.</summary>
public sealed record CapacityFigures(
    string Cluster, int ComputeNodes, int GpuNodes, int JobsPerNode, string ScrapeInterval,
    long SeriesPerCpuNode, long SeriesPerGpuNode, long Series, double SamplesPerSecond,
    StoreFigures Prometheus, StoreFigures VictoriaMetrics)
{
    public int CpuNodes => ComputeNodes - GpuNodes;
}
