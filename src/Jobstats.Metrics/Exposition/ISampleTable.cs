namespace Jobstats.Metrics.Exposition;

/// <summary>
/// Samples kept as rows of values that share their label values, such as one row per cgroup with a column per family.
/// A node's scrape holds tens of thousands of samples; kept this way they cost the row's own data and no object per
/// sample, and the writer turns them into lines family by family.
/// </summary>
public interface ISampleTable
{
    /// <summary>How many label values every row has; each family added from the table must have that many labels.</summary>
    int LabelCount { get; }

    int Rows { get; }

    /// <summary>The row's label values, in the order of the families' label names.</summary>
    string[] Labels(int row);

    /// <summary>The row's value for one column; false when the row has none (an optional file the kernel lacks).</summary>
    bool TryGetValue(int row, int column, out double value);
}
