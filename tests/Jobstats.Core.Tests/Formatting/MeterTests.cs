using Jobstats.Core.Formatting;

namespace Jobstats.Core.Tests.Formatting;

public class MeterTests
{
    [Fact]
    public void Zero_percent_is_all_spaces() =>
        Assert.Equal("[" + new string(' ', 48) + "0%]", Meter.Draw(0));

    [Fact]
    public void Seventy_five_percent_has_37_bars() =>
        Assert.Equal("[" + new string('|', 37) + new string(' ', 10) + "75%]", Meter.Draw(75));

    [Fact]
    public void Hundred_percent_fills_the_meter() =>
        Assert.Equal("[" + new string('|', 46) + "100%]", Meter.Draw(100));

    [Fact]
    public void Ninety_eight_and_fifty_two_percent_match_the_classic_report()
    {
        Assert.Equal("[" + new string('|', 47) + "98%]", Meter.Draw(98));
        Assert.Equal("[" + new string('|', 26) + new string(' ', 21) + "52%]", Meter.Draw(52));
    }

    [Theory]
    [InlineData(-5L)]
    [InlineData(0L)]
    [InlineData(33L)]
    [InlineData(250L)]
    [InlineData(12345L)]
    public void Always_52_characters_even_out_of_range(long percent) => Assert.Equal(52, Meter.Draw(percent).Length);
}
