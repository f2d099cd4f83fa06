namespace Jobstats.Slurm.Accounting;

/// <summary>
/// The one sacct field list the report needs. JobName is last on purpose: a job name may contain '|', so the row is
/// split into the first N-1 fields and the rest is the name.
/// </summary>
public static class SacctFields
{
    public static readonly string[] Base =
    [
        "jobid", "jobidraw", "start", "end", "cluster", "alloctres", "admincomment", "user", "account", "state",
        "nnodes", "ncpus", "reqmem", "qos", "partition", "timelimitraw",
    ];

    public static IReadOnlyList<string> For(bool withSluid) =>
        withSluid ? [.. Base, "sluid", "jobname"] : [.. Base, "jobname"];
}
