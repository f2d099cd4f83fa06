using Jobstats.Core.Timeline;

namespace Jobstats.Core.Tests.Timeline;

public sealed class TimelineStepTests
{
    [Theory]
    // 2 h in 51 columns: at least 144 s a column, rounded up to 3 min (41 points).
    [InlineData(7200, 51, 180)]
    // Exactly fitting: 50 steps of 60 s make 51 points.
    [InlineData(3000, 51, 60)]
    // One second more needs a longer step.
    [InlineData(3001, 51, 120)]
    // A short job never goes below 10 s, finer than any scrape interval would fill.
    [InlineData(45, 200, 10)]
    [InlineData(0, 80, 10)]
    // Past the table: whole days. 30 days in 11 columns: 3 days a column.
    [InlineData(30 * 86400, 11, 3 * 86400)]
    public void The_step_fits_the_run_in_the_columns_and_is_a_readable_length(long run, int columns, long expected)
    {
        long step = TimelineStep.Choose(1000, 1000 + run, columns);
        Assert.Equal(expected, step);
        Assert.True(TimelineStep.Points(1000, 1000 + run, step) <= columns);
    }

    [Fact]
    public void Every_run_up_to_a_year_fits_every_width()
    {
        foreach (int columns in new[] { 2, 10, 51, 80, 211 })
            for (long run = 0; run <= 366L * 86400; run = run * 3 + 7)
                Assert.True(TimelineStep.Points(0, run, TimelineStep.Choose(0, run, columns)) <= columns, $"{run} s in {columns} columns");
    }

    [Fact]
    public void An_end_before_the_start_is_an_empty_run()
    {
        Assert.Equal(10, TimelineStep.Choose(100, 50, 40));
        Assert.Equal(1, TimelineStep.Points(100, 50, 10));
    }
}
