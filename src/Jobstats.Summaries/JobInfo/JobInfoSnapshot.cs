using Jobstats.Slurm.Queue;

namespace Jobstats.Summaries.JobInfo;

/// <summary>
/// What the job info metric shows at one moment: the jobs of the last good squeue answer (none once it is too old),
/// and how the asking goes. Replaced whole, so a scrape never sees half of two answers.
/// </summary>
public sealed record JobInfoSnapshot(IReadOnlyList<RunningJob> Jobs, long LastSuccessAt, bool Failing, long Failures, int RefusedLines)
{
    public static readonly JobInfoSnapshot Empty = new([], 0, false, 0, 0);
}
