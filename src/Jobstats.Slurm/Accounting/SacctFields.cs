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
}
