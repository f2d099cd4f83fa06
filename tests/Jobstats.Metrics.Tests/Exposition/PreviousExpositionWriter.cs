using System.Globalization;
using System.Text;
using Jobstats.Metrics.Exposition;

namespace Jobstats.Metrics.Tests.Exposition;

/// <summary>
/// The StringBuilder writer that ExpositionWriter replaced, kept as the reference its UTF-8 output must equal byte for
/// byte (through Encoding.UTF8, as MetricsServer sent it).
/// </summary>
internal static class PreviousExpositionWriter
{
    public static string Write(ScrapeBuffer buffer, ExpositionFormat format)
    {
        var text = new StringBuilder(4096);
        foreach (var (family, samples) in buffer.Families())
        {
            // OpenMetrics names a counter family without the _total its samples carry; the text format uses the sample name.
            bool counter = family.Kind == MetricKind.Counter;
            string described = counter && format == ExpositionFormat.OpenMetrics ? family.Name[..^"_total".Length] : family.Name;
            text.Append("# HELP ").Append(described).Append(' ');
            AppendEscaped(text, family.Help, escapeQuotes: format == ExpositionFormat.OpenMetrics);
            text.Append('\n');
            text.Append("# TYPE ").Append(described).Append(counter ? " counter\n" : " gauge\n");
            foreach (var sample in samples)
            {
                text.Append(family.Name);
                if (family.LabelNames.Count > 0)
                {
                    text.Append('{');
                    for (var i = 0; i < family.LabelNames.Count; i++)
                    {
                        if (i > 0) text.Append(',');
                        text.Append(family.LabelNames[i]).Append("=\"");
                        AppendEscaped(text, sample.LabelValues[i], escapeQuotes: true);
                        text.Append('"');
                    }
                    text.Append('}');
                }
                text.Append(' ').Append(FormatValue(sample.Value)).Append('\n');
            }
        }
        if (format == ExpositionFormat.OpenMetrics) text.Append("# EOF\n");
        return text.ToString();
    }

    private static string FormatValue(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsPositiveInfinity(value)) return "+Inf";
        if (double.IsNegativeInfinity(value)) return "-Inf";
        // Integers up to 2^53 print exactly without exponent; everything else round-trips.
        if (value == Math.Floor(value) && Math.Abs(value) < 9007199254740992d)
            return ((long)value).ToString(CultureInfo.InvariantCulture);
        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    private static void AppendEscaped(StringBuilder text, string value, bool escapeQuotes)
    {
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '"' when escapeQuotes: text.Append("\\\""); break;
                default: text.Append(c); break;
            }
        }
    }
}
