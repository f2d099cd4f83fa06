using Jobstats.Core.Timeline;

namespace Jobstats.Core.Tests.Timeline;

public sealed class SparklineTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(-5, 0)]
    [InlineData(12.4, 0)]
    [InlineData(12.5, 1)]
    [InlineData(50, 4)]
    [InlineData(87.4, 6)]
    [InlineData(87.5, 7)]
    [InlineData(100, 7)]
    [InlineData(250, 7)]
    public void Levels_split_the_scale_into_eighths_and_clamp(double value, int level) =>
        Assert.Equal(level, Sparkline.Level(value, 0, 100));

    [Fact]
    public void A_scale_with_no_height_shows_zero_low_and_anything_above_high()
    {
        Assert.Equal(0, Sparkline.Level(0, 0, 0));
        Assert.Equal(7, Sparkline.Level(3, 0, 0));
        Assert.Equal(0, Sparkline.Level(double.NaN, 0, 100));
    }

    [Fact]
    public void Unicode_and_ascii_draw_the_same_levels_and_missing_values_as_spaces()
    {
        double?[] values = [null, 0, 25, 50, 75, 100, double.NaN, double.PositiveInfinity];
        Assert.Equal(" ▁▃▅▇█  ", Sparkline.Draw(values, 0, 100, unicode: true));
        Assert.Equal(" _-=*#  ", Sparkline.Draw(values, 0, 100, unicode: false));
    }

    [Fact]
    public void The_scale_is_the_ceiling_given_not_the_largest_value()
    {
        // Memory of 2 GiB allocated, 1 GiB used: half height, not full.
        double gib = 1024.0 * 1024 * 1024;
        Assert.Equal("▅", Sparkline.Draw([1 * gib], 0, 2 * gib, unicode: true));
    }
}
