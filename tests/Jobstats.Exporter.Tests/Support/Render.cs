using Jobstats.Exporter.Collectors;
using Jobstats.Exporter.Logging;
using Jobstats.Metrics.Exposition;

namespace Jobstats.Exporter.Tests.Support;

internal static class Render
{
    public static Log QuietLog() => new(LogLevel.Error, TextWriter.Null);

    /// <summary>One collector's update, written as Prometheus text.</summary>
    public static string Collector(ICollector collector, ExpositionFormat format = ExpositionFormat.PrometheusText)
    {
        var buffer = new ScrapeBuffer();
        foreach (var family in collector.Describe()) buffer.Declare(family);
        collector.Update(buffer);
        return ExpositionWriter.Write(buffer, format);
    }
}
