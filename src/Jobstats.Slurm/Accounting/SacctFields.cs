namespace Jobstats.Slurm.Accounting;

/// <summary>
/// The one sacct field list the report needs, all of them fields every supported Slurm release knows (the SLUID,
/// Slurm 26's alone, is asked separately: see <see cref="SacctClient.SluidAsync"/>). JobName is last on purpose: a job
/// name may contain '|', so the row is split into the first N-1 fields and the rest is the name.
/// </summary>
internal static class SacctFields
{
    public static readonly IReadOnlyList<string> Lookup =
    [
        "jobid", "jobidraw", "start", "end", "cluster", "alloctres", "admincomment", "user", "account", "state",
        "nnodes", "ncpus", "reqmem", "qos", "partition", "timelimitraw", "jobname",
    ];

    /// <summary>
    /// The table's fields: the report's, plus TotalCPU and MaxRSS for jobs without a stored summary. Asked without
    /// <c>-X</c>, so the steps' rows come along (MaxRSS is a step figure); JobName stays last.
    /// </summary>
    public static readonly IReadOnlyList<string> Listing = [.. Lookup.Take(Lookup.Count - 1), "totalcpu", "maxrss", "jobname"];
}
