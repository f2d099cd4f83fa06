namespace Jobstats.Metrics.Exposition;

/// <summary>A gauge family: its name, help text and the names of its labels, fixed at describe time.</summary>
public sealed class MetricFamily
{
    public MetricFamily(string name, string help, params string[] labelNames)
    {
        if (!MetricNames.IsValidMetricName(name)) throw new ArgumentException($"invalid metric name '{name}'", nameof(name));
        foreach (var label in labelNames)
            if (!MetricNames.IsValidLabelName(label)) throw new ArgumentException($"invalid label name '{label}'", nameof(labelNames));
        Name = name;
        Help = help;
        LabelNames = labelNames;
    }

    public string Name { get; }
    public string Help { get; }
    public IReadOnlyList<string> LabelNames { get; }
}
