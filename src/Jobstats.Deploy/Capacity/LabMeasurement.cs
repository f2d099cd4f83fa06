namespace Jobstats.Deploy.Capacity;

/// <summary>
/// What a sample and a series cost Prometheus and VictoriaMetrics, measured by bench/capacity/lab on the lab's own data
/// (docs/admin-guide.md, "Capacity"): real Slurm jobs, the published jobstats-exporter and node_exporter scraped every
/// 5 s for 20 minutes (219 samples a series; a 2 h block at 30 s holds 240), Prometheus writing every sample to
/// VictoriaMetrics with remote_write; memory also at 100 copies of the node's live /metrics (60,400 series).
/// Measured 2026-12-02 on the lab machine: 2 vCPUs (AMD EPYC, load average 25 from other work), 24 GiB, Debian 12,
/// Prometheus 2.42.0 and VictoriaMetrics 1.79.5 from Debian. Re-measure with bench/capacity/lab and change these
/// figures together.
/// </summary>
public static class LabMeasurement
{
    /// <summary>Chunk bytes per sample in the block the snapshot API wrote from the lab Prometheus' head (132,284 samples).</summary>
    public const double PrometheusBytesPerSample = 2.39;

    /// <summary>Index bytes per series in that block; a day makes 12 such 2 h blocks before compaction joins them.</summary>
    public const double PrometheusIndexBytesPerSeriesPerBlock = 120;

    /// <summary>Data-part bytes per row after force_flush and force_merge (vm_data_size_bytes of storage / vm_rows).</summary>
    public const double VictoriaMetricsBytesPerSample = 0.84;

    /// <summary>indexdb bytes per series: its global entries and its entries for the day, which every day adds again.</summary>
    public const double VictoriaMetricsIndexBytesPerSeriesPerDay = 119;

    /// <summary>
    /// Prometheus RSS as the line through its two measured points, 61.1 MiB at the lab's 604 head series and 274.8 MiB
    /// at 60,400: RSS = fixed + per series × series (no remote_write queue in it).
    /// </summary>
    public const double PrometheusMemoryFixedBytes = 58.9 * 1024 * 1024;
    public const double PrometheusMemoryBytesPerSeries = 3747;

    /// <summary>VictoriaMetrics RSS, the same line: 43.5 MiB at 604 active series, 117.5 MiB at 60,600.</summary>
    public const double VictoriaMetricsMemoryFixedBytes = 42.8 * 1024 * 1024;
    public const double VictoriaMetricsMemoryBytesPerSeries = 1293;

    /// <summary>2 h blocks in a day: Prometheus writes a block's index once per block.</summary>
    public const int PrometheusBlocksPerDay = 12;

    public static StoreCost Prometheus { get; } = new(PrometheusBytesPerSample,
        PrometheusIndexBytesPerSeriesPerBlock * PrometheusBlocksPerDay, PrometheusMemoryFixedBytes, PrometheusMemoryBytesPerSeries);

    public static StoreCost VictoriaMetrics { get; } = new(VictoriaMetricsBytesPerSample,
        VictoriaMetricsIndexBytesPerSeriesPerDay, VictoriaMetricsMemoryFixedBytes, VictoriaMetricsMemoryBytesPerSeries);
}
