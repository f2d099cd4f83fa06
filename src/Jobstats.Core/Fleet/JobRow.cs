namespace Jobstats.Core.Fleet;

/// <summary>Where a row's efficiency figures came from.</summary>
public enum RowSource
{
    /// <summary>The summary stored when the job ended.</summary>
    Summary,
    /// <summary>Slurm's own accounting (TotalCPU, MaxRSS): no summary was stored; coarser, and no GPU figures.</summary>
    Accounting,
    /// <summary>Prometheus, for a running job: its figures so far.</summary>
    Prometheus,
    /// <summary>Nothing is known (a pending job, one too short to sample, or no data anywhere).</summary>
    None,
}

/// <summary>
/// One job of the table: who, what state, how long, and its efficiencies in percent (null where not known). CPU
/// efficiency keeps one decimal as the report's detail lines do; the others are whole percents as on its meters.
/// </summary>
public sealed record JobRow(
    string JobId, string JobIdRaw, string Cluster, string User, string Account, string Partition, string State,
    long ElapsedSeconds, bool Running, int Gpus,
    long? TimeEfficiency, double? CpuEfficiency, long? MemoryEfficiency, long? GpuUtilization, long? GpuMemory,
    RowSource Source)
{
    /// <summary>Whether the job ever ran (sacct knows its start).</summary>
    public bool Started { get; init; } = true;
}
