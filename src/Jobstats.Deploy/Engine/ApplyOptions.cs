namespace Jobstats.Deploy.Engine;

public sealed record ApplyOptions
{
    /// <summary>Directory on this machine for one log file per host; null keeps no logs.</summary>
    public string? LogDirectory { get; init; }

    /// <summary>Test hook: stop as if killed after this many resources were changed (env JOBSTATSCTL_ABORT_AFTER).</summary>
    public int? AbortAfter { get; init; }

    public int Parallelism { get; init; } = 16;

    /// <summary>Apply exactly these changes (the plan shown or saved); null applies whatever is pending.</summary>
    public ApprovedPlan? Approved { get; init; }
}

/// <summary>Thrown by the <see cref="ApplyOptions.AbortAfter"/> hook, to test that a cut-off apply converges later.</summary>
public sealed class SimulatedCrashException() : Exception("apply aborted by JOBSTATSCTL_ABORT_AFTER");
