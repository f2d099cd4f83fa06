using Jobstats.Metrics.Exposition;

namespace Jobstats.Exporter.Collectors;

/// <summary>One source of metrics, in node_exporter's shape: families are described once, values are read per scrape.</summary>
internal interface ICollector
{
    /// <summary>Every family this collector may emit, so each scrape lists them in a stable order.</summary>
    IEnumerable<MetricFamily> Describe();

    /// <summary>Reads current values into <paramref name="buffer"/>. Throwing marks the collector failed for this scrape only.</summary>
    void Update(ScrapeBuffer buffer);
}
