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

    /// <summary>The name and label openings in UTF-8, made once: every sample of the family starts with them.</summary>
    internal EncodedFamily Encoded => field ??= new EncodedFamily(Name, LabelNames);

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

/// <summary>A family's sample prefix in UTF-8: the name, then per label <c>{name="</c> (first) or <c>",name="</c>.</summary>
internal sealed class EncodedFamily(string name, IReadOnlyList<string> labelNames)
{
    public byte[] Name { get; } = System.Text.Encoding.UTF8.GetBytes(name);

    public byte[][] LabelOpenings { get; } =
        labelNames.Select((label, i) => System.Text.Encoding.UTF8.GetBytes((i == 0 ? "{" : "\",") + label + "=\"")).ToArray();
}
