namespace Jobstats.Core.Timeline;

/// <summary>
/// The step of a job's range queries: the whole run in at most <c>columns</c> points, so one point is one character
/// of the plot. Steps are rounded up to a readable length (one column = 3 min, not 144 s), and never below
/// <see cref="NiceSeconds"/>' first entry: finer than the exporters' scrape interval only repeats samples.
/// </summary>
public static class TimelineStep
{
    private static readonly long[] NiceSeconds =
        [10, 15, 20, 30, 60, 120, 180, 300, 600, 900, 1200, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

    public static long Choose(long startSeconds, long endSeconds, int columns)
    {
        if (columns < 2) throw new ArgumentOutOfRangeException(nameof(columns), "a plot needs at least two columns");
        long run = Math.Max(0, endSeconds - startSeconds);
        // Points are start, start+step, ..., up to end: (run / step) + 1 of them must fit.
        long least = (run + columns - 2) / (columns - 1);
        foreach (long nice in NiceSeconds)
            if (nice >= least) return nice;
        return (least + 86399) / 86400 * 86400;
    }

    /// <summary>How many points a range query with this step returns over the run.</summary>
    public static int Points(long startSeconds, long endSeconds, long step) =>
        (int)(Math.Max(0, endSeconds - startSeconds) / step) + 1;
}
