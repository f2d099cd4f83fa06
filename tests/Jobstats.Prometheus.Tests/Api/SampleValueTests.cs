using Jobstats.Prometheus.Api;

namespace Jobstats.Prometheus.Tests.Api;

public class SampleValueTests
{
    [Theory]
    [InlineData("42", 42d, true)]
    [InlineData("-3", -3d, true)]
    [InlineData("3.5", 3.5, false)]
    [InlineData("1e+21", 1e21, false)]
    [InlineData("1.5e+21", 1.5e21, false)]
    [InlineData("4e-07", 4e-7, false)]
    [InlineData("85899345920", 85899345920d, true)]
    [InlineData("99999999999999999999", 1e20, false)]   // too big to be an exact integer
    public void Parses_numbers(string text, double value, bool integer)
    {
        var v = SampleValue.Parse(text);
        Assert.Equal(value, v.Value);
        Assert.Equal(integer, v.LooksInteger);
        Assert.True(v.IsFinite);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("+Inf")]
    [InlineData("-Inf")]
    public void Parses_special_values_as_non_finite(string text)
    {
        var v = SampleValue.Parse(text);
        Assert.False(v.IsFinite);
        Assert.False(v.LooksInteger);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1,5")]
    public void Rejects_garbage(string text) => Assert.Throws<PrometheusException>(() => SampleValue.Parse(text));
}
