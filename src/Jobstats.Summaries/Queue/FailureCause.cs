namespace Jobstats.Summaries.Queue;

/// <summary>Why a queued job is still waiting: the causes the service counts, retries and reports apart.</summary>
public enum FailureCause
{
    None,
    /// <summary>slurmdbd has not recorded the job's end yet (or not the job at all): normal for a few seconds.</summary>
    NotRecorded,
    /// <summary>sacct or sacctmgr failed or timed out: slurmdbd or slurmctld is down or slow.</summary>
    Slurm,
    /// <summary>Prometheus could not be reached or did not answer in time.</summary>
    Prometheus,
    /// <summary>The external summary store refused or could not be reached.</summary>
    Database,
    /// <summary>Anything else (a bug, a full disk): logged with its message.</summary>
    Other,
}

public static class FailureCauses
{
    /// <summary>The name used in the entry files, in metric labels and in the status command.</summary>
    public static string Name(this FailureCause cause) => cause switch
    {
        FailureCause.None => "none",
        FailureCause.NotRecorded => "not_recorded",
        FailureCause.Slurm => "slurm",
        FailureCause.Prometheus => "prometheus",
        FailureCause.Database => "database",
        _ => "other",
    };

    public static IReadOnlyList<FailureCause> All { get; } =
        [FailureCause.NotRecorded, FailureCause.Slurm, FailureCause.Prometheus, FailureCause.Database, FailureCause.Other];

    public static FailureCause Parse(string name) =>
        All.FirstOrDefault(c => c.Name() == name, FailureCause.None);
}
