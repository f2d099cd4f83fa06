using System.Runtime.InteropServices;
using Jobstats.Metrics.Exposition;

namespace Jobstats.Exporter.Cgroups;

/// <summary>
/// One scrape's cgroups as rows (labels jobid, step, task) with a column per family of <see cref="Columns"/>. At 500
/// jobs with steps that is 2,000 rows in place of some 26,000 separate samples, which is most of what a scrape used
/// to keep alive until its body was written.
/// </summary>
internal sealed class CgroupTable : ISampleTable
{
    private delegate double? Column(in CgroupStats stats);

    /// <summary>The families filled from every cgroup read, in the order their columns are numbered.</summary>
    private static readonly (MetricFamily Family, Column Value)[] Columns =
    [
        (CgroupMetrics.CpuUser, static (in CgroupStats s) => s.CpuUserSeconds),
        (CgroupMetrics.CpuSystem, static (in CgroupStats s) => s.CpuSystemSeconds),
        (CgroupMetrics.CpuTotal, static (in CgroupStats s) => s.CpuTotalSeconds),
        (CgroupMetrics.Cpus, static (in CgroupStats s) => s.Cpus),
        (CgroupMetrics.MemoryRss, static (in CgroupStats s) => s.MemoryRssBytes),
        (CgroupMetrics.MemoryCache, static (in CgroupStats s) => s.MemoryCacheBytes),
        (CgroupMetrics.MemoryShmem, static (in CgroupStats s) => s.MemoryShmemBytes),
        (CgroupMetrics.MemoryUsed, static (in CgroupStats s) => s.MemoryUsedBytes),
        (CgroupMetrics.MemoryTotal, static (in CgroupStats s) => s.MemoryTotalBytes),
        (CgroupMetrics.MemoryFailCount, static (in CgroupStats s) => s.MemoryFailCount),
        (CgroupMetrics.MemswUsed, static (in CgroupStats s) => s.MemswUsedBytes),
        (CgroupMetrics.MemswTotal, static (in CgroupStats s) => s.MemswTotalBytes),
        (CgroupMetrics.MemswFailCount, static (in CgroupStats s) => s.MemswFailCount),
    ];

    private readonly List<string[]> _labels;
    private readonly List<CgroupStats> _stats;

    /// <param name="capacity">The cgroups discovered: the rows to expect.</param>
    public CgroupTable(int capacity)
    {
        _labels = new List<string[]>(capacity);
        _stats = new List<CgroupStats>(capacity);
    }

    public int LabelCount => 3;

    public int Rows => _labels.Count;

    public void Add(SlurmCgroup cgroup, in CgroupStats stats)
    {
        _labels.Add([cgroup.JobId, cgroup.Step, cgroup.Task]);
        _stats.Add(stats);
    }

    /// <summary>Adds every column to <paramref name="buffer"/> as its family's samples.</summary>
    public void AddTo(ScrapeBuffer buffer)
    {
        for (var column = 0; column < Columns.Length; column++) buffer.Add(Columns[column].Family, this, column);
    }

    public string[] Labels(int row) => _labels[row];

    public bool TryGetValue(int row, int column, out double value)
    {
        var read = Columns[column].Value(in CollectionsMarshal.AsSpan(_stats)[row]);
        value = read ?? 0;
        return read is not null;
    }
}
