using Jobstats.Summaries.Queue;

namespace Jobstats.Summaries.Service;

/// <summary>
/// What the service has done since it started and how its queue looks, for its metrics and the status file. Updated
/// by the service loop, read by concurrent scrapes: counters are atomic, the queue figures are replaced whole.
/// </summary>
public sealed class ServiceHealth
{
    private readonly long[] _failures = new long[FailureCauses.All.Count + 1];
    private long _storedUsage, _storedShort, _storedNone, _nothingToDo, _gaveUp, _backfillQueued, _rounds;

    public QueueFigures Queue { get; private set; } = QueueFigures.Empty;
    public long StartedAt { get; } = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    public long LastRoundAt { get; private set; }
    public double LastRoundSeconds { get; private set; }
    public long LastBackfillAt { get; private set; }
    public string LastBackfillProblem { get; private set; } = "";

    public long Stored(string kind) => kind switch
    {
        "usage" => Interlocked.Read(ref _storedUsage),
        "short" => Interlocked.Read(ref _storedShort),
        _ => Interlocked.Read(ref _storedNone),
    };

    public long Failures(FailureCause cause) => Interlocked.Read(ref _failures[(int)cause]);
    public long NothingToDo => Interlocked.Read(ref _nothingToDo);
    public long GaveUp => Interlocked.Read(ref _gaveUp);
    public long BackfillQueued => Interlocked.Read(ref _backfillQueued);
    public long Rounds => Interlocked.Read(ref _rounds);

    public void Count(EntryResult result)
    {
        switch (result.Fate)
        {
            case EntryFate.Stored when result.StoredKind == "usage": Interlocked.Increment(ref _storedUsage); break;
            case EntryFate.Stored when result.StoredKind == "short": Interlocked.Increment(ref _storedShort); break;
            case EntryFate.Stored: Interlocked.Increment(ref _storedNone); break;
            case EntryFate.NothingToDo: Interlocked.Increment(ref _nothingToDo); break;
            case EntryFate.GaveUp: Interlocked.Increment(ref _gaveUp); break;
            case EntryFate.Retry: Interlocked.Increment(ref _failures[(int)result.Cause]); break;
        }
    }

    public void RoundDone(long at, double seconds)
    {
        LastRoundAt = at;
        LastRoundSeconds = seconds;
        Interlocked.Increment(ref _rounds);
    }

    public void BackfillDone(long at, int queued, string problem)
    {
        LastBackfillAt = at;
        LastBackfillProblem = problem;
        Interlocked.Add(ref _backfillQueued, queued);
    }

    public void QueueSeen(QueueSnapshot snapshot, long now) => Queue = QueueFigures.Of(snapshot, now);
}

/// <summary>The queue at one moment: depth, the oldest entry's age, the entries waiting by their last failure.</summary>
public sealed record QueueFigures(int Entries, long OldestAgeSeconds, int Bad, IReadOnlyDictionary<FailureCause, int> WaitingBy)
{
    public static readonly QueueFigures Empty = new(0, 0, 0, new Dictionary<FailureCause, int>());

    public static QueueFigures Of(QueueSnapshot snapshot, long now)
    {
        var waiting = new Dictionary<FailureCause, int>();
        foreach (var entry in snapshot.Entries)
            if (entry.LastCause != FailureCause.None) waiting[entry.LastCause] = waiting.GetValueOrDefault(entry.LastCause) + 1;
        long oldest = snapshot.Entries.Count == 0 ? 0 : Math.Max(0, now - snapshot.Entries.Min(e => e.QueuedAt));
        return new QueueFigures(snapshot.Entries.Count, oldest, snapshot.BadCount, waiting);
    }
}
