namespace Jobstats.Metrics.Exposition;

/// <summary>Whether a family's value goes up and down (gauge) or only grows from the program's start (counter).</summary>
public enum MetricKind { Gauge, Counter }

/// <summary>A family: its name, help text, kind and the names of its labels, fixed at describe time.</summary>
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

    /// <summary>A counter's name ends in <c>_total</c>, as both exposition formats expect of its samples.</summary>
    public MetricKind Kind
    {
        get;
        init
        {
            if (value == MetricKind.Counter && !Name.EndsWith("_total", StringComparison.Ordinal))
                throw new ArgumentException($"counter '{Name}' must end in _total");
            field = value;
        }
    }
}
