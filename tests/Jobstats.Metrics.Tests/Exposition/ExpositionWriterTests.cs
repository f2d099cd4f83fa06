using Jobstats.Metrics.Exposition;

namespace Jobstats.Metrics.Tests.Exposition;

public sealed class ExpositionWriterTests
{
    private static readonly MetricFamily Family = new("test_value", "Help with \\ backslash\nand newline.", "a", "b");

    [Fact]
    public void Label_values_are_escaped_and_help_text_too()
    {
        var buffer = new ScrapeBuffer();
        buffer.Add(Family, 1.5, "quote\"back\\slash", "line\nbreak");
        Assert.Equal(
            "# HELP test_value Help with \\\\ backslash\\nand newline.\n# TYPE test_value gauge\n" +
            "test_value{a=\"quote\\\"back\\\\slash\",b=\"line\\nbreak\"} 1.5\n",
            ExpositionWriter.Write(buffer, ExpositionFormat.PrometheusText));
    }

    [Fact]
    public void OpenMetrics_ends_with_eof()
    {
        var buffer = new ScrapeBuffer();
        buffer.Add(new MetricFamily("plain", "Plain."), 3);
        Assert.Equal("# HELP plain Plain.\n# TYPE plain gauge\nplain 3\n# EOF\n", ExpositionWriter.Write(buffer, ExpositionFormat.OpenMetrics));
    }

    [Theory]
    [InlineData(0d, "0")]
    [InlineData(21.987324835, "21.987324835")]
    [InlineData(9007199254740991d, "9007199254740991")]
    [InlineData(9.223372036854772E+18, "9.223372036854772E+18")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(-2d, "-2")]
    public void Values_round_trip(double value, string expected) => Assert.Equal(expected, ExpositionWriter.FormatValue(value));

    [Fact]
    public void Label_count_must_match_the_family()
    {
        var buffer = new ScrapeBuffer();
        Assert.Throws<ArgumentException>(() => buffer.Add(Family, 1, "only-one"));
    }

    [Theory]
    [InlineData("1abc")]
    [InlineData("with-dash")]
    [InlineData("")]
    public void Invalid_names_are_refused_when_declared(string name) =>
        Assert.Throws<ArgumentException>(() => new MetricFamily(name, "x"));

    [Theory]
    [InlineData(null, ExpositionFormat.PrometheusText)]
    [InlineData("text/plain;version=0.0.4", ExpositionFormat.PrometheusText)]
    [InlineData("application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1", ExpositionFormat.OpenMetrics)]
    public void Format_follows_the_accept_header(string? accept, ExpositionFormat expected) =>
        Assert.Equal(expected, ExpositionFormats.Negotiate(accept));
}
