using System.Globalization;
using System.Text;
using Jobstats.Deploy.Inventories;

namespace Jobstats.Deploy.Capacity;

/// <summary>
/// Series, samples per second, disk and head memory for one cluster, for Prometheus and VictoriaMetrics. Bytes per
/// sample were measured by bench/capacity/measure (docs/admin-guide.md, "Capacity"); head memory per series is the
/// stores' documented order of magnitude, not measured here.
/// </summary>
public static class CapacityEstimate
{
    /// <summary>Measured: 2,000 exporter-shaped series for 12 h at 30 s (2.88 million samples).</summary>
    public const double PrometheusBytesPerSample = 3.97;
    public const double VictoriaMetricsBytesPerSample = 1.42;
    /// <summary>Not measured: Prometheus' head holds about 2 to 3 h of chunks plus the series' index, a few KiB per series.</summary>
    public const double PrometheusHeadBytesPerSeries = 4096;
    /// <summary>Not measured: VictoriaMetrics' caches for an active series, about 1 KiB.</summary>
    public const double VictoriaMetricsBytesPerActiveSeries = 1024;

    public static string Render(Inventory inventory, int computeNodes, int gpuNodes, int jobsPerNode)
    {
        var c = CultureInfo.InvariantCulture;
        int cpuNodes = Math.Max(0, computeNodes - gpuNodes);
        long perCpuNode = SeriesPerNode.ExporterBase + (long)SeriesPerNode.ExporterPerJob * jobsPerNode + SeriesPerNode.NodeExporter;
        long perGpuNode = perCpuNode + SeriesPerNode.ExporterEightGpus;
        long series = cpuNodes * perCpuNode + gpuNodes * perGpuNode;
        double interval = Durations.TryParse(inventory.Prometheus.ScrapeInterval, out var i) ? i.TotalSeconds : 30;
        double perSecond = series / interval;
        double perDay = perSecond * 86400;
        double promDays = Days(inventory.Prometheus.Retention);
        double storeDays = inventory.LongTermStore.Kind == LongTermStoreKind.None ? promDays : Days(inventory.LongTermStore.Retention);
        var text = new StringBuilder();
        text.Append(c, $"Capacity for cluster {inventory.Cluster}: {computeNodes} compute nodes ({cpuNodes} CPU-only, {gpuNodes} with 8 GPUs), ")
            .Append(c, $"{jobsPerNode} job(s) per node, scrape every {inventory.Prometheus.ScrapeInterval}\n\n");
        text.Append(c, $"Series per CPU-only node     {perCpuNode,12:N0}   (exporter {SeriesPerNode.ExporterBase} + {SeriesPerNode.ExporterPerJob} per job, node_exporter {SeriesPerNode.NodeExporter})\n");
        text.Append(c, $"Series per 8-GPU node        {perGpuNode,12:N0}   (+ {SeriesPerNode.ExporterEightGpus} for eight GPUs)\n");
        text.Append(c, $"Series in all                {series,12:N0}\n");
        text.Append(c, $"Samples per second           {perSecond,12:N0}\n\n");
        text.Append("                             Prometheus      VictoriaMetrics\n");
        text.Append(c, $"Bytes per sample (measured)  {PrometheusBytesPerSample,10:0.00}      {VictoriaMetricsBytesPerSample,10:0.00}\n");
        text.Append(c, $"Disk per day                 {Bytes(perDay * PrometheusBytesPerSample),10}      {Bytes(perDay * VictoriaMetricsBytesPerSample),10}\n");
        text.Append(c, $"Retention                    {inventory.Prometheus.Retention,10}      {(inventory.LongTermStore.Kind == LongTermStoreKind.None ? inventory.Prometheus.Retention : inventory.LongTermStore.Retention),10}\n");
        text.Append(c, $"Disk for the retention       {Bytes(perDay * PrometheusBytesPerSample * promDays),10}      {Bytes(perDay * VictoriaMetricsBytesPerSample * storeDays),10}\n");
        text.Append(c, $"Head memory (order of mag.)  {Bytes(series * PrometheusHeadBytesPerSeries),10}      {Bytes(series * VictoriaMetricsBytesPerActiveSeries),10}\n");
        text.Append("\nDisk figures come from bytes per sample measured by bench/capacity/measure; memory from the stores'\n")
            .Append("documented orders of magnitude. Add room for compaction (Prometheus needs up to its largest block again).\n");
        return text.ToString();
    }

    private static double Days(string retention) => Durations.TryParse(retention, out var t) ? t.TotalDays : 30;

    private static string Bytes(double bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
        int u = 0;
        while (bytes >= 1024 && u < units.Length - 1) { bytes /= 1024; u++; }
        return string.Create(CultureInfo.InvariantCulture, $"{bytes:0.0} {units[u]}");
    }
}
