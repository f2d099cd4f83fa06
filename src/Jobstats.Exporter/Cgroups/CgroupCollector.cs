using Jobstats.Exporter.Collectors;
using Jobstats.Exporter.Logging;
using Jobstats.Metrics.Exposition;

namespace Jobstats.Exporter.Cgroups;

/// <summary>
/// Per-job (and with --collect-steps per-step and per-task) CPU and memory from Slurm's cgroups, read fresh on
/// every scrape. A cgroup that vanishes mid-scrape is skipped; one that cannot be read gets the error gauge; a job
/// found in several places is exported once.
/// </summary>
internal sealed class CgroupCollector : ICollector
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
        var discovered = new IReadOnlyList<SlurmCgroup>[_layouts.Count];
        for (var layout = 0; layout < _layouts.Count; layout++) discovered[layout] = _layouts[layout].Discover(_collectSteps);
        var work = new List<(int Layout, SlurmCgroup Cgroup)>(discovered.Sum(found => found.Count));
        for (var layout = 0; layout < discovered.Length; layout++)
            foreach (var cgroup in discovered[layout])
                work.Add((layout, cgroup));
        work.Sort(CompareWork);
        var table = new CgroupTable(work.Count);

        SlurmCgroup? previous = null;
        foreach (var (index, cgroup) in work)
        {
            // The same job can be found twice (two uid_* directories, two multiple-slurmd roots, both trees of a
            // hybrid node); a label set written twice fails the whole scrape in Prometheus, so only the first place
            // in CompareWork's order is read.
            if (previous is not null && SlurmCgroupOrder.Instance.Compare(previous, cgroup) == 0)
            {
                _log.Debug($"job {cgroup.JobId} step '{cgroup.Step}' task '{cgroup.Task}' also at {cgroup.RelativePath}; exported from {previous.RelativePath}");
                continue;
            }
            previous = cgroup;
            var layout = _layouts[index];
            CgroupStats stats;
            try
            {
                stats = layout.Read(cgroup);
            }
            catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
            {
                // A job's cgroups are removed one controller at a time (memory before cpuacct under Slurm), so a
                // job that ended normally can fail mid-read with ENOENT, ENODEV or ESRCH: not an error to report.
                if (CgroupRemoval.IsRemovalError(e) || !layout.StillExists(cgroup))
                {
                    _log.Debug($"job {cgroup.JobId} step '{cgroup.Step}' task '{cgroup.Task}' ended during the scrape");
                    continue;
                }
                _log.Warn($"cannot read cgroup {cgroup.RelativePath}: {e.Message}");
                buffer.Add(CgroupMetrics.CollectError, 1, cgroup.JobId, cgroup.Step, cgroup.Task);
                continue;
            }
            table.Add(cgroup, stats);
            if (cgroup.IsJob && cgroup.Uid is { } uid && double.TryParse(uid, out var uidValue))
                buffer.Add(CgroupMetrics.Uid, uidValue, cgroup.JobId);
        }
        table.AddTo(buffer);
    }

    /// <summary>Output order (<see cref="SlurmCgroupOrder"/>); the same labels found twice: v1 before v2, then by path.</summary>
    private static int CompareWork((int Layout, SlurmCgroup Cgroup) a, (int Layout, SlurmCgroup Cgroup) b)
    {
        var byLabels = SlurmCgroupOrder.Instance.Compare(a.Cgroup, b.Cgroup);
        if (byLabels != 0) return byLabels;
        return a.Layout != b.Layout ? a.Layout.CompareTo(b.Layout) : string.CompareOrdinal(a.Cgroup.RelativePath, b.Cgroup.RelativePath);
    }
}
