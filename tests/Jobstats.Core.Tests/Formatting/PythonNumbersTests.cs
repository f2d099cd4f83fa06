using Jobstats.Core.Formatting;

namespace Jobstats.Core.Tests.Formatting;

public class PythonNumbersTests
{
    [Theory]
    // Exact binary ties round to even, as Python's format() does; .NET's "F" would round 0.125 and 0.25 up.
    [InlineData(0.125, 2, "0.12")]
    [InlineData(0.375, 2, "0.38")]
    [InlineData(0.25, 1, "0.2")]
    [InlineData(0.75, 1, "0.8")]
    [InlineData(2.5, 0, "2")]
    [InlineData(3.5, 0, "4")]
    // 0.35 is stored as 0.34999999999999997…, 0.05 as 0.05000000000000000277…: the exact value decides.
    [InlineData(0.35, 1, "0.3")]
    [InlineData(0.05, 1, "0.1")]
    [InlineData(98.0, 1, "98.0")]
    [InlineData(-0.04, 1, "-0.0")]
    [InlineData(0.0, 1, "0.0")]
    [InlineData(123456789.25, 1, "123456789.2")]
    public void Fixed_matches_python_format(double value, int digits, string expected) =>
        Assert.Equal(expected, PythonNumbers.Fixed(value, digits));

    [Theory]
    [InlineData(2.675, 2, 2.67)]
    [InlineData(0.5, 0, 0.0)]
    [InlineData(1.5, 0, 2.0)]
    [InlineData(6.95, 1, 7.0)]
    [InlineData(6.85, 1, 6.8)]
    [InlineData(1e308, 1, 1e308)]              // a double this large is a whole number already
    [InlineData(-1.7976931348623157e308, 2, -1.7976931348623157e308)]
    public void Round_matches_python_round(double value, int digits, double expected) =>
        Assert.Equal(expected, PythonNumbers.Round(value, digits));

    [Theory]
    [InlineData(0.5, 0L)]
    [InlineData(1.5, 2L)]
    [InlineData(52.4, 52L)]
    [InlineData(51.5, 52L)]
    [InlineData(52.5, 52L)]
    public void RoundToInteger_is_half_even(double value, long expected) =>
        Assert.Equal(expected, PythonNumbers.RoundToInteger(value));

    [Theory]
    [InlineData(79498.2, "79498.2")]
    [InlineData(11423.0, "11423.0")]
    [InlineData(98.6, "98.6")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1234567890123456.0, "1234567890123456.0")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(1.5e300, "1.5e+300")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(0.0, "0.0")]
    public void FloatRepr_matches_python_repr(double value, string expected) =>
        Assert.Equal(expected, PythonNumbers.FloatRepr(value));

    [Fact]
    public void Fixed_of_non_finite_values_does_not_throw()
    {
        Assert.Equal("nan", PythonNumbers.Fixed(double.NaN));
        Assert.Equal("inf", PythonNumbers.Fixed(double.PositiveInfinity));
        Assert.Equal("-inf", PythonNumbers.Fixed(double.NegativeInfinity));
    }
}
