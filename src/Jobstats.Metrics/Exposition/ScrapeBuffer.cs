namespace Jobstats.Metrics.Exposition;

/// <summary>
/// The samples of one scrape. Built from scratch on every scrape and never shared, so concurrent scrapes cannot
/// see each other's label sets and a finished job's series simply are not added again.
/// </summary>
public sealed class ScrapeBuffer
{
    private readonly List<MetricFamily> _order = [];
    private readonly Dictionary<MetricFamily, List<Sample>> _samples = new(ReferenceEqualityComparer.Instance);

    /// <summary>Declares a family so it is written (in declaration order) even when it has no samples.</summary>
    public void Declare(MetricFamily family)
    {
        if (_samples.ContainsKey(family)) return;
        _order.Add(family);
        _samples[family] = [];
    }

    public void Add(MetricFamily family, double value, params string[] labelValues)
    {
        if (labelValues.Length != family.LabelNames.Count)
            throw new ArgumentException($"{family.Name} takes {family.LabelNames.Count} label values, got {labelValues.Length}");
        Declare(family);
        _samples[family].Add(new Sample(labelValues, value));
    }

    /// <summary>Moves another buffer's samples to the end of this one (used to keep a failing collector's partial work out).</summary>
    public void Append(ScrapeBuffer other)
    {
        foreach (var family in other._order)
        {
            Declare(family);
            _samples[family].AddRange(other._samples[family]);
        }
    }

    internal IEnumerable<(MetricFamily Family, IReadOnlyList<Sample> Samples)> Families()
    {
        foreach (var family in _order) yield return (family, _samples[family]);
    }
}

internal readonly record struct Sample(string[] LabelValues, double Value);
