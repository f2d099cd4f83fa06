using System.Globalization;
using System.Text;

namespace Jobstats.Integration.Tests.Report;

/// <summary>
/// Builds an OpenMetrics text history (samples every 30 s, timestamps in seconds) for promtool's
/// <c>tsdb create-blocks-from openmetrics</c>. Series are grouped by metric family as the format requires.
/// </summary>
internal sealed class OpenMetricsHistory
{
    public const int ScrapeInterval = 30;
    private readonly SortedDictionary<string, List<string>> _families = new(StringComparer.Ordinal);

    /// <summary>A gauge that moves linearly from 0 at <paramref name="start"/> to <paramref name="final"/> at <paramref name="end"/>.</summary>
    public void Ramp(string metric, string labels, long start, long end, double final) =>
        Series(metric, labels, start, end, t => final * (t - start) / (end - start));

    public void Constant(string metric, string labels, long start, long end, double value) =>
        Series(metric, labels, start, end, _ => value);

    /// <summary>Samples at start+30, start+60, … up to and including <paramref name="end"/>.</summary>
    public void Series(string metric, string labels, long start, long end, Func<long, double> value)
    {
        if (!_families.TryGetValue(metric, out var lines)) _families[metric] = lines = [];
        for (long t = start + ScrapeInterval; t <= end; t += ScrapeInterval)
        {
            double v = value(t);
            string text = double.IsNaN(v) ? "NaN" : v.ToString("R", CultureInfo.InvariantCulture);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{metric}{{{labels}}} {text} {t}"));
        }
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var (metric, lines) in _families)
        {
            text.Append("# TYPE ").Append(metric).Append(" gauge\n");
            foreach (string line in lines) text.Append(line).Append('\n');
        }
        return text.Append("# EOF\n").ToString();
    }
}
