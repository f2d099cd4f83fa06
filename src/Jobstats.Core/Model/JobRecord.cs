namespace Jobstats.Core.Model;

/// <summary>A job's accounting record as sacct reports it, already typed.</summary>
public sealed record JobRecord
{
    /// <summary>Slurm's display id (<c>123</c>, <c>123_4</c>, <c>123+1</c>).</summary>
    public required string JobId { get; init; }
    /// <summary>The numeric id the exporters label series with.</summary>
    public required string JobIdRaw { get; init; }
    public required string Cluster { get; init; }
    public required string User { get; init; }
    public required string Account { get; init; }
    public required string JobName { get; init; }
    /// <summary>State with "CANCELLED by N" reduced to CANCELLED.</summary>
    public required string State { get; init; }
    public required int Nodes { get; init; }
    public required int Cores { get; init; }
    public required string ReqMem { get; init; }
    public required string Qos { get; init; }
    public required string Partition { get; init; }
    /// <summary>Start in epoch seconds; null when the job has not started.</summary>
    public long? Start { get; init; }
    /// <summary>End in epoch seconds; null while the job runs.</summary>
    public long? End { get; init; }
    /// <summary>Time limit in minutes; null when UNLIMITED or not a number (see <see cref="TimeLimitText"/>).</summary>
    public long? TimeLimitMinutes { get; init; }
    public required string TimeLimitText { get; init; }
    public required int Gpus { get; init; }
    public required string AdminComment { get; init; }
    public required string AllocTres { get; init; }

    public bool IsRunning => State == "RUNNING";
}
