using Jobstats.Summaries.Queue;

namespace Jobstats.Summaries.Service;

/// <summary>What became of one queued job in a round.</summary>
public enum EntryFate
{
    /// <summary>Its summary (or the Short / None marker) is stored: the entry leaves the queue.</summary>
    Stored,
    /// <summary>There is nothing to store (never ran, already summarised, AdminComment not ours): it leaves the queue.</summary>
    NothingToDo,
    /// <summary>Not yet: it stays queued and is tried again later.</summary>
    Retry,
    /// <summary>It can never be stored (Slurm never recorded the job within Prometheus' retention): it leaves, logged.</summary>
    GaveUp,
}

/// <summary>One job's outcome: its fate, and for a retry the cause; <see cref="Message"/> says what happened.</summary>
public sealed record EntryResult(QueueEntry Entry, EntryFate Fate, string Message, FailureCause Cause = FailureCause.None)
{
    /// <summary>For a stored job: which kind of value, "usage", "short" or "none".</summary>
    public string? StoredKind { get; init; }
}
