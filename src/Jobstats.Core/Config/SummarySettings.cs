namespace Jobstats.Core.Config;

/// <summary>Where a finished job's summary is kept.</summary>
public enum SummaryStoreMode
{
    /// <summary>Slurm's AdminComment only (upstream's default).</summary>
    AdminComment,
    /// <summary>The external MariaDB/MySQL store only: nothing is written into the Slurm database.</summary>
    Database,
    /// <summary>The external store first, then AdminComment as a best-effort mirror for sacct-based readers.</summary>
    DatabaseAndAdminComment,
}

/// <summary>
/// The <c>summaries:</c> section: how job summaries are queued at job end, stored, retried and backfilled by the
/// summary service on the controller.
/// </summary>
public sealed class SummarySettings
{
    public SummaryStoreMode Store { get; set; } = SummaryStoreMode.AdminComment;

    /// <summary>A MySQL option file (<c>[client]</c> host, port, user, password, database) for the external store.</summary>
    public string DatabaseOptionFile { get; set; } = "/etc/jobstats/summary-db.cnf";

    /// <summary>The queue of ended jobs: the epilog writes an entry here, the service removes it once stored.</summary>
    public string SpoolDirectory { get; set; } = "/var/spool/jobstats";

    /// <summary>Jobs handled per round: one sacct lookup and one sacctmgr process each.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>Prometheus queries in flight at once, well below Prometheus' own 20 (--query.max-concurrency).</summary>
    public int PrometheusConcurrency { get; set; } = 4;

    /// <summary>How long Prometheus keeps samples: a job that ended longer ago can no longer be summarised.</summary>
    public double PrometheusRetentionDays { get; set; } = 15;

    /// <summary>How often the service looks for finished jobs without a summary; 0 turns backfill off.</summary>
    public double BackfillIntervalMinutes { get; set; } = 60;

    /// <summary>How far back each backfill looks.</summary>
    public double BackfillWindowHours { get; set; } = 48;

    /// <summary>Where the service serves its own metrics (queue depth, oldest entry, failures); empty turns it off.</summary>
    public string MetricsListen { get; set; } = ":9307";

    /// <summary>
    /// How often the service asks squeue for the running jobs' user, account and partition (the jobstats_job_info
    /// series on its metrics endpoint, which fleet dashboards join on); 0 turns it off.
    /// </summary>
    public double JobInfoIntervalSeconds { get; set; } = 60;
}
