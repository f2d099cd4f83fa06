using System.Globalization;
using System.Text;
using Jobstats.Deploy.Inventories;

namespace Jobstats.Deploy.Capacity;

/// <summary>
/// Series, samples per second, disk and memory for one cluster, for Prometheus and VictoriaMetrics: series counted on
/// the exporters' real output (SeriesPerNode), costs measured on the lab's own data (LabMeasurement).
/// </summary>
public static class CapacityEstimate
{
    public static CapacityFigures Compute(Inventory inventory, int computeNodes, int gpuNodes, int jobsPerNode)
    {
        int cpuNodes = Math.Max(0, computeNodes - gpuNodes);
        long perCpuNode = SeriesPerNode.ExporterBase + (long)SeriesPerNode.ExporterPerJob * jobsPerNode + SeriesPerNode.NodeExporter;
        long perGpuNode = perCpuNode + SeriesPerNode.ExporterEightGpus;
        long series = cpuNodes * perCpuNode + gpuNodes * perGpuNode;
        double interval = Durations.TryParse(inventory.Prometheus.ScrapeInterval, out var i) ? i.TotalSeconds : 30;
        double perSecond = series / interval;
        double perDay = perSecond * 86400;
        // Without a long-term store the VictoriaMetrics column is what one would need to keep Prometheus' retention.
        string storeRetention = inventory.LongTermStore.Kind == LongTermStoreKind.None
            ? inventory.Prometheus.Retention
            : inventory.LongTermStore.Retention;
        return new CapacityFigures(inventory.Cluster, computeNodes, gpuNodes, jobsPerNode, inventory.Prometheus.ScrapeInterval,
            perCpuNode, perGpuNode, series, perSecond,
            Store(LabMeasurement.Prometheus, series, perDay, inventory.Prometheus.Retention),
            Store(LabMeasurement.VictoriaMetrics, series, perDay, storeRetention));
    }

    private static StoreFigures Store(StoreCost cost, long series, double samplesPerDay, string retention)
    {
        double perDay = cost.DiskPerDay(series, samplesPerDay);
        return new StoreFigures(cost, perDay, retention, perDay * Days(retention), cost.Memory(series));
    }

    public static string Render(Inventory inventory, int computeNodes, int gpuNodes, int jobsPerNode) =>
        Render(Compute(inventory, computeNodes, gpuNodes, jobsPerNode));

    public static string Render(CapacityFigures f)
    {
        var c = CultureInfo.InvariantCulture;
        StoreFigures p = f.Prometheus, v = f.VictoriaMetrics;
        var text = new StringBuilder();
        text.Append(c, $"Capacity for cluster {f.Cluster}: {f.ComputeNodes} compute nodes ({f.CpuNodes} CPU-only, {f.GpuNodes} with 8 GPUs), ")
            .Append(c, $"{f.JobsPerNode} job(s) per node, scrape every {f.ScrapeInterval}\n\n");
        text.Append(c, $"Series per CPU-only node     {f.SeriesPerCpuNode,12:N0}   (exporter {SeriesPerNode.ExporterBase} + {SeriesPerNode.ExporterPerJob} per job, node_exporter {SeriesPerNode.NodeExporter})\n");
        text.Append(c, $"Series per 8-GPU node        {f.SeriesPerGpuNode,12:N0}   (+ {SeriesPerNode.ExporterEightGpus} for eight GPUs)\n");
        text.Append(c, $"Series in all                {f.Series,12:N0}\n");
        text.Append(c, $"Samples per second           {f.SamplesPerSecond,12:N0}\n\n");
        text.Append("                             Prometheus      VictoriaMetrics\n");
        text.Append(c, $"Bytes per sample (lab)       {p.Cost.BytesPerSample,10:0.00}      {v.Cost.BytesPerSample,10:0.00}\n");
        text.Append(c, $"Index bytes per series a day {p.Cost.IndexBytesPerSeriesPerDay,10:N0}      {v.Cost.IndexBytesPerSeriesPerDay,10:N0}\n");
        text.Append(c, $"Disk per day                 {Bytes(p.DiskPerDay),10}      {Bytes(v.DiskPerDay),10}\n");
        text.Append(c, $"Retention                    {p.Retention,10}      {v.Retention,10}\n");
        text.Append(c, $"Disk for the retention       {Bytes(p.DiskForRetention),10}      {Bytes(v.DiskForRetention),10}\n");
        text.Append(c, $"Memory (RSS), fixed          {Bytes(p.Cost.MemoryFixedBytes),10}      {Bytes(v.Cost.MemoryFixedBytes),10}\n");
        text.Append(c, $"Memory (RSS) per series      {p.Cost.MemoryBytesPerSeries,10:N0}      {v.Cost.MemoryBytesPerSeries,10:N0}\n");
        text.Append(c, $"Memory (RSS) for the series  {Bytes(p.Memory),10}      {Bytes(v.Memory),10}\n");
        text.Append("\nBytes and memory per series were measured on the lab's own data (real Slurm jobs, jobstats-exporter and\n")
            .Append("node_exporter) by bench/capacity/lab; docs/admin-guide.md, \"Capacity\", gives the figures and how to re-measure.\n")
            .Append("Prometheus' index is counted for 2 h blocks (compaction into longer blocks lowers it); add room for compaction,\n")
            .Append("which needs up to Prometheus' largest block again.\n");
        return text.ToString();
    }

    private static double Days(string retention) => Durations.TryParse(retention, out var t) ? t.TotalDays : 30;

    internal static string Bytes(double bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
        int u = 0;
        while (bytes >= 1024 && u < units.Length - 1) { bytes /= 1024; u++; }
        return string.Create(CultureInfo.InvariantCulture, $"{bytes:0.0} {units[u]}");
    }
}
