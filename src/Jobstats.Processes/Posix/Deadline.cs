namespace Jobstats.Processes.Posix;

/// <summary>A point on the monotonic clock, or none (an infinite time limit).</summary>
internal readonly struct Deadline(TimeSpan timeout)
{
    private readonly long _at = timeout == Timeout.InfiniteTimeSpan ? long.MaxValue
        : Environment.TickCount64 + (long)Math.Ceiling(timeout.TotalMilliseconds);

    /// <summary>Milliseconds left (0 once passed), or -1 without a deadline: poll()'s timeout argument.</summary>
    public int MillisecondsLeft
    {
        get
        {
            if (_at == long.MaxValue) return -1;
            long left = _at - Environment.TickCount64;
            return left <= 0 ? 0 : (int)Math.Min(left, int.MaxValue);
        }
    }
}
