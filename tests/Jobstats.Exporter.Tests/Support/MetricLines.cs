namespace Jobstats.Exporter.Tests.Support;

/// <summary>Helpers to pick samples out of an exposition.</summary>
public static class MetricLines
{
    /// <summary>Sample lines (no comments) of families starting with the prefix, in exposition order.</summary>
    public static string Samples(string exposition, string prefix) =>
        string.Concat(exposition.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).Select(l => l + "\n"));

    /// <summary>The value of the single sample whose line starts with <paramref name="seriesPrefix"/> (name and labels).</summary>
    public static double Value(string exposition, string seriesPrefix)
    {
        var lines = exposition.Split('\n').Where(l => l.StartsWith(seriesPrefix, StringComparison.Ordinal)).ToList();
        Assert.True(lines.Count == 1, $"expected one sample for {seriesPrefix}, found {lines.Count}:\n{exposition}");
        return double.Parse(lines[0][(lines[0].LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
