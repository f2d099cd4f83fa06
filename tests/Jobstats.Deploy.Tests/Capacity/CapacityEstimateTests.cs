using Jobstats.Deploy.Capacity;
using Jobstats.Deploy.Inventories;

namespace Jobstats.Deploy.Tests.Capacity;

/// <summary>
/// `jobstatsctl capacity`'s arithmetic: every expected figure is computed here from the documented constants
/// (SeriesPerNode, LabMeasurement), so re-measuring changes the constants and not these tests.
/// </summary>
public sealed class CapacityEstimateTests
{
    private static Inventory Della(string longTermStore = "long_term_store: {kind: victoriametrics, retention: 1y}") =>
        InventoryLoader.Parse($$"""
            cluster: della
            roles:
              compute: ['dgx-[001-032]', 'cpu-[001-008]']
            prometheus: {mode: new, scrape_interval: 30s, retention: 30d}
            {{longTermStore}}
            """);

    private const long CpuNode = SeriesPerNode.ExporterBase + 2 * SeriesPerNode.ExporterPerJob + SeriesPerNode.NodeExporter;
    private const long GpuNode = CpuNode + SeriesPerNode.ExporterEightGpus;
    private const long Series = 8 * CpuNode + 32 * GpuNode;
    private const double SamplesPerDay = Series / 30.0 * 86400;

    [Fact]
    public void Series_and_samples_add_up_from_the_counted_series_per_node()
    {
        var f = CapacityEstimate.Compute(Della(), 40, 32, 2);
        Assert.Equal((CpuNode, GpuNode, Series, 8), (f.SeriesPerCpuNode, f.SeriesPerGpuNode, f.Series, f.CpuNodes));
        Assert.Equal(Series / 30.0, f.SamplesPerSecond, 9);
    }

    [Fact]
    public void Disk_is_samples_times_bytes_per_sample_plus_series_times_index_per_day_kept_for_each_stores_retention()
    {
        var f = CapacityEstimate.Compute(Della(), 40, 32, 2);
        double prometheusDay = SamplesPerDay * LabMeasurement.PrometheusBytesPerSample
            + Series * LabMeasurement.PrometheusIndexBytesPerSeriesPerBlock * LabMeasurement.PrometheusBlocksPerDay;
        double victoriaDay = SamplesPerDay * LabMeasurement.VictoriaMetricsBytesPerSample
            + Series * LabMeasurement.VictoriaMetricsIndexBytesPerSeriesPerDay;
        Assert.Equal(prometheusDay, f.Prometheus.DiskPerDay, 6);
        Assert.Equal(prometheusDay * 30, f.Prometheus.DiskForRetention, 6);
        Assert.Equal(victoriaDay, f.VictoriaMetrics.DiskPerDay, 6);
        Assert.Equal(victoriaDay * 365, f.VictoriaMetrics.DiskForRetention, 6);
    }

    [Fact]
    public void Memory_is_the_measured_fixed_cost_plus_the_measured_cost_per_series()
    {
        var f = CapacityEstimate.Compute(Della(), 40, 32, 2);
        Assert.Equal(LabMeasurement.PrometheusMemoryFixedBytes + Series * LabMeasurement.PrometheusMemoryBytesPerSeries, f.Prometheus.Memory, 6);
        Assert.Equal(LabMeasurement.VictoriaMetricsMemoryFixedBytes + Series * LabMeasurement.VictoriaMetricsMemoryBytesPerSeries,
            f.VictoriaMetrics.Memory, 6);
    }

    [Fact]
    public void Without_a_long_term_store_the_victoriametrics_column_keeps_prometheus_retention()
    {
        var f = CapacityEstimate.Compute(Della("long_term_store: {kind: none}"), 40, 32, 2);
        Assert.Equal(("30d", "30d"), (f.Prometheus.Retention, f.VictoriaMetrics.Retention));
        Assert.Equal(f.VictoriaMetrics.DiskPerDay * 30, f.VictoriaMetrics.DiskForRetention, 6);
    }

    [Fact]
    public void The_view_shows_the_computed_figures_and_says_they_come_from_the_lab_measurement()
    {
        var f = CapacityEstimate.Compute(Della(), 40, 32, 2);
        string view = CapacityEstimate.Render(f);
        Assert.StartsWith("Capacity for cluster della: 40 compute nodes (8 CPU-only, 32 with 8 GPUs), 2 job(s) per node, scrape every 30s\n", view);
        Assert.Contains($"Series in all                {Series,12:N0}\n", view);
        Assert.Contains($"Disk per day                 {CapacityEstimate.Bytes(f.Prometheus.DiskPerDay),10}      {CapacityEstimate.Bytes(f.VictoriaMetrics.DiskPerDay),10}\n", view);
        Assert.Contains($"Disk for the retention       {CapacityEstimate.Bytes(f.Prometheus.DiskForRetention),10}      {CapacityEstimate.Bytes(f.VictoriaMetrics.DiskForRetention),10}\n", view);
        Assert.Contains($"Memory (RSS) for the series  {CapacityEstimate.Bytes(f.Prometheus.Memory),10}      {CapacityEstimate.Bytes(f.VictoriaMetrics.Memory),10}\n", view);
        Assert.Contains("measured on the lab's own data", view);
        Assert.Contains("bench/capacity/lab", view);
        Assert.Equal(view, CapacityEstimate.Render(Della(), 40, 32, 2));
    }

    [Theory]
    [InlineData(0, "0.0 B")]
    [InlineData(1023, "1023.0 B")]
    [InlineData(1536, "1.5 KiB")]
    [InlineData(3 * 1024.0 * 1024 * 1024, "3.0 GiB")]
    public void Bytes_are_shown_in_binary_units_with_one_decimal(double bytes, string shown) =>
        Assert.Equal(shown, CapacityEstimate.Bytes(bytes));
}
