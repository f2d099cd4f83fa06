namespace Jobstats.Slurm.Accounting;

/// <summary>How a bare job id given to a lookup is meant.</summary>
public enum JobIdMeaning
{
    /// <summary>As a user types it: an array's id names the whole array, whose tasks are listed rather than guessed.</summary>
    AsTyped,

    /// <summary>
    /// As Slurm hands it to prologs and epilogs (<c>SLURM_JOB_ID</c>): one allocation's JobIDRaw. The last task of an
    /// array keeps the array's own id, so this is the only way to find that task from the epilog.
    /// </summary>
    SlurmJobId,
}
