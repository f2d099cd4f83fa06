namespace Jobstats.Core.Config;

/// <summary>What <c>jobstats-summaries idle-gpus</c> does about a running job whose GPUs sit idle.</summary>
public enum IdleGpuMode
{
    /// <summary>Only log what would be done (the default: nothing happens until an admin says so).</summary>
    DryRun,
    /// <summary>Mail the owner a warning, once per job.</summary>
    Warn,
    /// <summary>Warn, then cancel the job (<c>scancel</c>) when its GPUs are still idle after the grace period.</summary>
    WarnAndCancel,
}

/// <summary>
/// The <c>idle_gpus:</c> section: the opt-in action on running jobs whose every GPU has been at 0% for a while. The
/// texts are templates whose {placeholders} are checked when the config is read (<see cref="Placeholders"/>).
/// </summary>
public sealed class IdleGpuSettings
{
    public static readonly IReadOnlySet<string> Placeholders = new HashSet<string>(StringComparer.Ordinal)
    {
        "jobid", "user", "cluster", "job_name", "partition", "gpus", "idle_minutes", "limit_minutes", "grace_minutes",
    };

    public IdleGpuMode Mode { get; set; } = IdleGpuMode.DryRun;

    /// <summary>Minutes every GPU of a batch job must have been at 0% before its owner is warned.</summary>
    public double IdleMinutes { get; set; } = 60;

    /// <summary>The allowance for interactive jobs (think time at a prompt is not waste at once).</summary>
    public double InteractiveIdleMinutes { get; set; } = 180;

    /// <summary>Minutes between the warning and the cancellation, during which the GPUs must stay idle.</summary>
    public double GraceMinutes { get; set; } = 60;

    public HashSet<string> ExcludeUsers { get; } = new(StringComparer.Ordinal);
    public HashSet<string> ExcludePartitions { get; } = new(StringComparer.Ordinal);

    /// <summary>Job names taken for interactive sessions; a trailing '*' matches any ending.</summary>
    public List<string> InteractiveJobNames { get; } = ["interactive", "bash", "sh", "zsh", "sys/dashboard*", "ood*"];

    /// <summary>Which jobs were warned and cancelled, so each is warned once and cancelled once (written atomically).</summary>
    public string StateFile { get; set; } = "/var/lib/jobstats/idle-gpus.json";

    public string WarningSubject { get; set; } = "Slurm job {jobid}: its GPUs have been idle for {idle_minutes} minutes";

    public string WarningText { get; set; } = """
        Hello {user},

        every GPU of your job {jobid} ("{job_name}", {gpus} GPU(s), partition {partition}, cluster {cluster}) has been
        at 0% utilisation for {idle_minutes} minutes. Idle GPUs cannot be used by anyone else while the job holds them.

        If the job is not going to use its GPUs, please cancel it (scancel {jobid}). Jobs whose GPUs stay idle for
        another {grace_minutes} minutes may be cancelled.

        Run "jobstats {jobid}" to see the job's figures.
        """;

    public string CancelSubject { get; set; } = "Slurm job {jobid} was cancelled: its GPUs were idle";

    public string CancelText { get; set; } = """
        Hello {user},

        your job {jobid} ("{job_name}", cluster {cluster}) was cancelled because every one of its {gpus} GPU(s) had
        been at 0% utilisation for {idle_minutes} minutes and stayed idle for at least {grace_minutes} minutes after the
        warning you were sent.

        Run "jobstats {jobid}" to see the job's figures.
        """;

    /// <summary>The idle time after which a job with this name is warned.</summary>
    public double LimitMinutesFor(string jobName) => IsInteractive(jobName) ? InteractiveIdleMinutes : IdleMinutes;

    public bool IsInteractive(string jobName) => InteractiveJobNames.Any(pattern =>
        pattern.EndsWith('*') ? jobName.StartsWith(pattern[..^1], StringComparison.Ordinal) : jobName == pattern);
}
