using Jobstats.Exporter.Collectors;
using Jobstats.Exporter.Exposition;
using Jobstats.Exporter.Logging;

namespace Jobstats.Exporter.Cgroups;

/// <summary>
/// Per-job (and with --collect-steps per-step and per-task) CPU and memory from Slurm's cgroups, read fresh on
/// every scrape. A cgroup that vanishes mid-scrape is skipped; one that cannot be read gets the error gauge.
/// </summary>
public sealed class CgroupCollector : ICollector
{
    private readonly IReadOnlyList<ICgroupLayout> _layouts;
    private readonly bool _collectSteps;
    private readonly Log _log;

    public CgroupCollector(string cgroupRoot, bool collectSteps, Log log)
        : this([new CgroupV1Layout(cgroupRoot), new CgroupV2Layout(cgroupRoot)], collectSteps, log)
    {
    }

    /// <summary>For tests that need to interfere with a layout between discovery and reading.</summary>
    internal CgroupCollector(IReadOnlyList<ICgroupLayout> layouts, bool collectSteps, Log log)
    {
        _layouts = layouts;
        _collectSteps = collectSteps;
        _log = log;
    }

    public IEnumerable<MetricFamily> Describe() => CgroupMetrics.All;

    public void Update(ScrapeBuffer buffer)
    {
        var work = new List<(ICgroupLayout Layout, SlurmCgroup Cgroup)>();
        foreach (var layout in _layouts)
            foreach (var cgroup in layout.Discover(_collectSteps))
                work.Add((layout, cgroup));
        work.Sort((a, b) => SlurmCgroupOrder.Instance.Compare(a.Cgroup, b.Cgroup));

        foreach (var (layout, cgroup) in work)
        {
            CgroupStats stats;
            try
            {
                stats = layout.Read(cgroup);
            }
            catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
            {
                if (!layout.StillExists(cgroup))
                {
                    _log.Debug($"job {cgroup.JobId} step '{cgroup.Step}' task '{cgroup.Task}' ended during the scrape");
                    continue;
                }
                _log.Warn($"cannot read cgroup {cgroup.RelativePath}: {e.Message}");
                buffer.Add(CgroupMetrics.CollectError, 1, cgroup.JobId, cgroup.Step, cgroup.Task);
                continue;
            }
            Emit(buffer, cgroup, stats);
        }
    }

    private static void Emit(ScrapeBuffer buffer, SlurmCgroup cgroup, CgroupStats stats)
    {
        string[] labels = [cgroup.JobId, cgroup.Step, cgroup.Task];
        buffer.Add(CgroupMetrics.CpuUser, stats.CpuUserSeconds, labels);
        buffer.Add(CgroupMetrics.CpuSystem, stats.CpuSystemSeconds, labels);
        buffer.Add(CgroupMetrics.CpuTotal, stats.CpuTotalSeconds, labels);
        buffer.Add(CgroupMetrics.Cpus, stats.Cpus, labels);
        buffer.Add(CgroupMetrics.MemoryRss, stats.MemoryRssBytes, labels);
        buffer.Add(CgroupMetrics.MemoryCache, stats.MemoryCacheBytes, labels);
        buffer.Add(CgroupMetrics.MemoryShmem, stats.MemoryShmemBytes, labels);
        buffer.Add(CgroupMetrics.MemoryUsed, stats.MemoryUsedBytes, labels);
        if (stats.MemoryTotalBytes is { } total) buffer.Add(CgroupMetrics.MemoryTotal, total, labels);
        buffer.Add(CgroupMetrics.MemoryFailCount, stats.MemoryFailCount, labels);
        if (stats.MemswUsedBytes is { } swUsed) buffer.Add(CgroupMetrics.MemswUsed, swUsed, labels);
        if (stats.MemswTotalBytes is { } swTotal) buffer.Add(CgroupMetrics.MemswTotal, swTotal, labels);
        if (stats.MemswFailCount is { } swFail) buffer.Add(CgroupMetrics.MemswFailCount, swFail, labels);
        if (cgroup.IsJob && cgroup.Uid is { } uid && double.TryParse(uid, out var uidValue))
            buffer.Add(CgroupMetrics.Uid, uidValue, cgroup.JobId);
    }
}
