using Jobstats.Summaries.Queue;

namespace Jobstats.Summaries.Service;

/// <summary>
/// When a job that could not be stored is tried again. slurmdbd records a job's end within seconds, so waiting for
/// that starts short; an outage of Prometheus, slurmdbd or the database backs off further. Both double per attempt up
/// to a cap, with a little jitter so a burst that failed together does not retry in lockstep.
/// </summary>
public static class RetryPolicy
{
    public static readonly TimeSpan NotRecordedFirstDelay = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan OutageFirstDelay = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(10);

    public static long NextAttemptAt(QueueEntry entry, FailureCause cause, long now)
    {
        TimeSpan first = cause == FailureCause.NotRecorded ? NotRecordedFirstDelay : OutageFirstDelay;
        double seconds = first.TotalSeconds * Math.Pow(2, Math.Min(entry.Attempts, 16));
        seconds = Math.Min(seconds, MaxDelay.TotalSeconds);
        seconds *= 1 + Random.Shared.NextDouble() * 0.2;
        return now + (long)Math.Ceiling(seconds);
    }
}
