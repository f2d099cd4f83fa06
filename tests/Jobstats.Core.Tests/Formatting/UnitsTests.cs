using Jobstats.Core.Formatting;

namespace Jobstats.Core.Tests.Formatting;

public class UnitsTests
{
    [Theory]
    [InlineData(0d, "0.0B")]
    [InlineData(42d, "42.0B")]
    [InlineData(1073741824d, "1.0GB")]
    [InlineData(4e9, "3.7GB")]
    [InlineData(4e12, "3.6TB")]
    [InlineData(4e15, "3.6PB")]
    [InlineData(4e20, "355271.4PB")]
    public void HumanBytes(double bytes, string expected) => Assert.Equal(expected, Units.HumanBytes(bytes));

    [Theory]
    [InlineData(0d, "00:00:00")]
    [InlineData(42d, "00:00:42")]
    [InlineData(420d, "00:07:00")]
    [InlineData(4200d, "01:10:00")]
    [InlineData(42003d, "11:40:03")]
    [InlineData(420002d, "4-20:40:02")]
    [InlineData(4200001d, "48-14:40:01")]
    [InlineData(7200.9, "02:00:00")]
    [InlineData(86400d, "1-00:00:00")]
    [InlineData(4242 * 60d, "2-22:42:00")]
    public void HumanSeconds(double seconds, string expected) => Assert.Equal(expected, Units.HumanSeconds(seconds));

    [Theory]
    [InlineData("10G", 40, "10GB (250MB per CPU-core)")]
    [InlineData("100.50G", 9, "100.5GB (11.2GB per CPU-core)")]
    [InlineData("10000G", 40, "10TB (250GB per CPU-core)")]
    [InlineData("10", 40, "10")]
    [InlineData("600M", 2, "600MB (300MB per CPU-core)")]
    [InlineData("4000M", 1, "4GB")]
    [InlineData("4000Mc", 4, "4000Mc")]
    [InlineData("", 4, "")]
    [InlineData("xG", 4, "xG")]
    public void CpuMemory(string reqMem, int cores, string expected) => Assert.Equal(expected, Units.CpuMemory(reqMem, cores));

    [Theory]
    [InlineData(0d, 1L)]
    [InlineData(9d, 11L)]
    [InlineData(26d, 35L)]
    [InlineData(90d, 110L)]
    [InlineData(900d, 1100L)]
    [InlineData(2600d, 3200L)]
    public void RoundedMemoryWithSafety(double gb, long expected) => Assert.Equal(expected, Units.RoundedMemoryWithSafety(gb));
}
