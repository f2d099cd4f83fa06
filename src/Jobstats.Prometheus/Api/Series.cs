namespace Jobstats.Prometheus.Api;

/// <summary>One series of a query result: its labels and one (instant) or many (range) samples.</summary>
public sealed record Series(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<(double Time, SampleValue Value)> Samples)
{
    public string Label(string name) => Labels.TryGetValue(name, out string? value) ? value : "";
}
