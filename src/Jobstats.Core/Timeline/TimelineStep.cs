namespace Jobstats.Core.Timeline;

/// <summary>
/// The step of a job's range queries: the whole run in at most <c>columns</c> points, so one point is one character
/// of the plot. Never below <see cref="MinimumSeconds"/>: finer than the exporters' scrape interval repeats samples.
/// </summary>
public static class TimelineStep
{
    public const long MinimumSeconds = 10;

    public static long Choose(long startSeconds, long endSeconds, int columns)
    {
        if (columns < 1) throw new ArgumentOutOfRangeException(nameof(columns), "a plot needs at least one column");
        long run = Math.Max(0, endSeconds - startSeconds);
        // Points are start, start+step, ..., up to end: (run / step) + 1 of them must fit.
        long step = columns == 1 ? Math.Max(1, run) : (run + columns - 2) / (columns - 1);
        return Math.Max(MinimumSeconds, step);
    }

    /// <summary>How many points a range query with this step returns over the run.</summary>
    public static int Points(long startSeconds, long endSeconds, long step) =>
        (int)(Math.Max(0, endSeconds - startSeconds) / step) + 1;
}
