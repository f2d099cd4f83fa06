namespace Jobstats.Metrics.Exposition;

/// <summary>
/// The samples of one scrape. Built from scratch on every scrape and never shared, so concurrent scrapes cannot
/// see each other's label sets and a finished job's series simply are not added again.
/// </summary>
public sealed class ScrapeBuffer
{
    private readonly List<MetricFamily> _order = [];
    private readonly Dictionary<MetricFamily, List<Segment>> _segments = new(ReferenceEqualityComparer.Instance);

    /// <summary>Declares a family so it is written (in declaration order) even when it has no samples.</summary>
    public void Declare(MetricFamily family)
    {
        if (_segments.ContainsKey(family)) return;
        _order.Add(family);
        _segments[family] = [];
    }

    public void Add(MetricFamily family, double value, params string[] labelValues)
    {
        if (labelValues.Length != family.LabelNames.Count)
            throw new ArgumentException($"{family.Name} takes {family.LabelNames.Count} label values, got {labelValues.Length}");
        Declare(family);
        var segments = _segments[family];
        if (segments.Count == 0 || segments[^1].Loose is null) segments.Add(new Segment([], null, 0));
        segments[^1].Loose!.Add(new Sample(labelValues, value));
    }

    /// <summary>
    /// Adds one column of <paramref name="table"/> as the family's next samples, a row each where the row has a value.
    /// The table is read when the scrape is written, so it must not change until then.
    /// </summary>
    public void Add(MetricFamily family, ISampleTable table, int column)
    {
        if (table.LabelCount != family.LabelNames.Count)
            throw new ArgumentException($"{family.Name} takes {family.LabelNames.Count} label values, the table has {table.LabelCount}");
        Declare(family);
        _segments[family].Add(new Segment(null, table, column));
    }

    /// <summary>
    /// Moves another buffer's samples to the end of this one (used to keep a failing collector's partial work out).
    /// Only references move: the other buffer must not be used afterwards.
    /// </summary>
    public void Append(ScrapeBuffer other)
    {
        foreach (var family in other._order)
        {
            Declare(family);
            _segments[family].AddRange(other._segments[family]);
        }
    }

    internal IEnumerable<(MetricFamily Family, IEnumerable<Sample> Samples)> Families()
    {
        foreach (var family in _order) yield return (family, Samples(_segments[family]));
    }

    private static IEnumerable<Sample> Samples(List<Segment> segments)
    {
        foreach (var segment in segments)
        {
            if (segment.Loose is { } loose)
            {
                foreach (var sample in loose) yield return sample;
                continue;
            }
            var table = segment.Table!;
            for (var row = 0; row < table.Rows; row++)
                if (table.TryGetValue(row, segment.Column, out var value))
                    yield return new Sample(table.Labels(row), value);
        }
    }

    /// <summary>Samples added one by one, or a column of a table.</summary>
    private readonly record struct Segment(List<Sample>? Loose, ISampleTable? Table, int Column);
}

internal readonly record struct Sample(string[] LabelValues, double Value);
