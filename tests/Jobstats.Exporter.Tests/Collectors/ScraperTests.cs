using Jobstats.Exporter.Collectors;
using Jobstats.Exporter.Logging;
using Jobstats.Exporter.Tests.Support;
using Jobstats.Metrics.Exposition;
using Jobstats.Testing;

namespace Jobstats.Exporter.Tests.Collectors;

public sealed class ScraperTests
{
    private static readonly MetricFamily Good = new("good_value", "A value.", "k");
    private static readonly MetricFamily Partial = new("partial_value", "Written before the failure.");

    private sealed class WorkingCollector : ICollector
    {
        public IEnumerable<MetricFamily> Describe() => [Good];
        public void Update(ScrapeBuffer buffer) => buffer.Add(Good, 7, "v");
    }

    private sealed class FailingCollector : ICollector
    {
        public IEnumerable<MetricFamily> Describe() => [Partial];

        public void Update(ScrapeBuffer buffer)
        {
            buffer.Add(Partial, 1);
            throw new IOException("disk on fire");
        }
    }

    [Fact]
    public void A_failing_collector_reports_itself_and_the_others_still_export()
    {
        var log = new StringWriter();
        var scraper = new Scraper([("broken", new FailingCollector()), ("fine", new WorkingCollector())], new Log(LogLevel.Info, log));

        var text = ExpositionWriter.Write(scraper.Scrape(), ExpositionFormat.PrometheusText);

        Assert.Equal("good_value{k=\"v\"} 7\n", MetricLines.Samples(text, "good_value"));
        Assert.Equal("", MetricLines.Samples(text, "partial_value")); // half a collector's output is never exported
        Assert.Equal("jobstats_exporter_collector_success{collector=\"broken\"} 0\njobstats_exporter_collector_success{collector=\"fine\"} 1\n",
            MetricLines.Samples(text, "jobstats_exporter_collector_success"));
        Assert.Contains("collector broken failed: disk on fire", log.ToString());
    }

    [Fact]
    public void Catalog_enables_every_collector_by_default_and_honours_the_no_flags()
    {
        using var dir = new TempDirectory();
        var options = new ExporterOptions(":0", dir.Path, dir.Path, dir.Combine("absent.so"), false, Render.QuietLog());
        Assert.Equal(["cgroup", "gpu"], CollectorCatalog.Create(options, new HashSet<string>()).Select(c => c.Name));
        Assert.Equal(["gpu"], CollectorCatalog.Create(options, new HashSet<string> { "cgroup" }).Select(c => c.Name));
        Assert.Empty(CollectorCatalog.Create(options, new HashSet<string> { "cgroup", "gpu" }));
    }
}
