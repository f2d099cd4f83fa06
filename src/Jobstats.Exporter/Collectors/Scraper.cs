using System.Diagnostics;
using Jobstats.Exporter.Logging;
using Jobstats.Metrics.Exposition;

namespace Jobstats.Exporter.Collectors;

/// <summary>
/// Runs every enabled collector for one scrape. A collector that throws contributes nothing but its own
/// success=0 sample; the scrape itself always succeeds.
/// </summary>
internal sealed class Scraper(IReadOnlyList<(string Name, ICollector Collector)> collectors, Log log)
{
    private static readonly MetricFamily Success = new("jobstats_exporter_collector_success",
        "1 when the collector's last update succeeded, 0 when it failed.", "collector");
    private static readonly MetricFamily Duration = new("jobstats_exporter_collector_duration_seconds",
        "Time the collector's update took during this scrape.", "collector");

    public ScrapeBuffer Scrape()
    {
        var result = new ScrapeBuffer();
        foreach (var (_, collector) in collectors)
            foreach (var family in collector.Describe()) result.Declare(family);
        var status = new ScrapeBuffer();
        foreach (var (name, collector) in collectors)
        {
            var own = new ScrapeBuffer();
            var watch = Stopwatch.StartNew();
            var ok = true;
            try
            {
                collector.Update(own);
            }
            catch (Exception e)
            {
                ok = false;
                log.Error($"collector {name} failed: {e.Message}");
            }
            if (ok) result.Append(own);
            status.Add(Success, ok ? 1 : 0, name);
            status.Add(Duration, watch.Elapsed.TotalSeconds, name);
        }
        result.Append(status);
        return result;
    }
}
