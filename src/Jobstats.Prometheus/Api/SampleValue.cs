using System.Globalization;

namespace Jobstats.Prometheus.Api;

/// <summary>
/// A sample value as Prometheus encodes it in JSON: a string that may be an integer ("42"), a decimal ("3.5"),
/// an exponent form ("1.5e+21", "4e-07"), "NaN", "+Inf" or "-Inf".
/// </summary>
public readonly record struct SampleValue(double Value, bool LooksInteger)
{
    public bool IsFinite => double.IsFinite(Value);

    public static SampleValue Parse(string text)
    {
        switch (text)
        {
            case "NaN": return new SampleValue(double.NaN, false);
            case "+Inf" or "Inf": return new SampleValue(double.PositiveInfinity, false);
            case "-Inf": return new SampleValue(double.NegativeInfinity, false);
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            throw new PrometheusException($"\"{text}\" is not a sample value");
        bool integer = text.AsSpan().IndexOfAny(".eE") < 0 && Math.Abs(value) < 9007199254740992d;
        return new SampleValue(value, integer);
    }
}
