using System.Buffers;

namespace Jobstats.Exporter.Cgroups;

/// <summary>
/// Slurm under cgroup v1: <c>cpuacct|memory|cpuset/slurm[_NODE]/uid_U/job_J/step_S/task_T</c>. Debian builds Slurm
/// with multiple-slurmd support, which names the root <c>slurm_&lt;node&gt;</c>, so both spellings are walked.
/// </summary>
internal sealed class CgroupV1Layout(string cgroupRoot) : ICgroupLayout
{
    /// <summary>USER_HZ, the unit of cpuacct.stat; 100 on every Linux architecture Slurm runs on.</summary>
    private const double UserHz = 100;

    private readonly string _cpuacct = Path.Combine(cgroupRoot, "cpuacct");
    private readonly string _memory = Path.Combine(cgroupRoot, "memory");
    private readonly string _cpuset = Path.Combine(cgroupRoot, "cpuset");

    public IReadOnlyList<SlurmCgroup> Discover(bool includeStepsAndTasks)
    {
        var found = new List<SlurmCgroup>();
        foreach (var slurmRoot in DirectoryListing.Names(_cpuacct).Where(n => n == "slurm" || n.StartsWith("slurm_", StringComparison.Ordinal)))
        foreach (var uidDir in DirectoryListing.Names(_cpuacct, slurmRoot))
        {
            if (!SlurmCgroupNames.TryUid(uidDir, out var uid)) continue;
            foreach (var jobDir in DirectoryListing.Names(_cpuacct, $"{slurmRoot}/{uidDir}"))
            {
                if (!jobDir.StartsWith("job_", StringComparison.Ordinal) || !SlurmCgroupNames.TryJob(jobDir, out var jobId)) continue;
                var jobPath = $"{slurmRoot}/{uidDir}/{jobDir}";
                found.Add(new SlurmCgroup(jobId, "", "", uid, jobPath));
                if (!includeStepsAndTasks) continue;
                foreach (var stepDir in DirectoryListing.Names(_cpuacct, jobPath))
                {
                    if (!SlurmCgroupNames.TryStep(stepDir, out var step)) continue;
                    var stepPath = $"{jobPath}/{stepDir}";
                    found.Add(new SlurmCgroup(jobId, step, "", uid, stepPath));
                    foreach (var taskDir in DirectoryListing.Names(_cpuacct, stepPath))
                        if (SlurmCgroupNames.TryTask(taskDir, out var task))
                            found.Add(new SlurmCgroup(jobId, step, task, uid, $"{stepPath}/{taskDir}"));
                }
            }
        }
        return found;
    }

    private static readonly string[] TickKeys = ["user", "system"];
    // Hierarchical totals: at job and step level the plain rss/cache lines count only the cgroup's own pages (0).
    private static readonly string[] MemoryKeys = ["total_rss", "total_cache", "total_inactive_file", "total_active_file"];

    /// <summary>
    /// Reads straight into one pooled character buffer (paths composed on the stack, no dictionary for memory.stat, the
    /// result a value):
    /// this runs for every cgroup in every scrape, and its garbage once made up most of the exporter's memory.
    /// </summary>
    public CgroupStats Read(SlurmCgroup cgroup)
    {
        var text = ArrayPool<char>.Shared.Rent(CgroupFileReader.MaxBytes);
        try
        {
            var cpuacct = CgroupPaths.Join(_cpuacct, cgroup.RelativePath, stackalloc char[CgroupPaths.StackLength]);
            var memory = CgroupPaths.Join(_memory, cgroup.RelativePath, stackalloc char[CgroupPaths.StackLength]);
            var usage = Single(cpuacct, "cpuacct.usage", text);
            Span<ulong> ticks = stackalloc ulong[TickKeys.Length];
            CgroupFileParser.ParseKeys(Required(cpuacct, "cpuacct.stat", text), "cpuacct.stat", TickKeys, ticks);
            Span<ulong> stat = stackalloc ulong[MemoryKeys.Length];
            CgroupFileParser.ParseKeys(Required(memory, "memory.stat", text), "memory.stat", MemoryKeys, stat);
            var cache = stat[1];
            var fileBacked = stat[2] + stat[3];
            return new CgroupStats
            {
                CpuUserSeconds = ticks[0] / UserHz,
                CpuSystemSeconds = ticks[1] / UserHz,
                CpuTotalSeconds = usage / 1e9,
                Cpus = CountCpus(cgroup.RelativePath, text),
                MemoryRssBytes = stat[0],
                MemoryCacheBytes = cache,
                MemoryShmemBytes = cache > fileBacked ? cache - fileBacked : 0,
                MemoryUsedBytes = Single(memory, "memory.usage_in_bytes", text),
                MemoryTotalBytes = Single(memory, "memory.limit_in_bytes", text),
                MemoryFailCount = Single(memory, "memory.failcnt", text),
                MemswUsedBytes = OptionalSingle(memory, "memory.memsw.usage_in_bytes", text),
                MemswTotalBytes = OptionalSingle(memory, "memory.memsw.limit_in_bytes", text),
                MemswFailCount = OptionalSingle(memory, "memory.memsw.failcnt", text),
            };
        }
        finally
        {
            ArrayPool<char>.Shared.Return(text);
        }
    }

    /// <summary>Both controllers read must still hold the cgroup: Slurm removes memory's directory before cpuacct's.</summary>
    public bool StillExists(SlurmCgroup cgroup) =>
        Directory.Exists(Path.Combine(_cpuacct, cgroup.RelativePath)) && Directory.Exists(Path.Combine(_memory, cgroup.RelativePath));

    /// <summary>Slurm's task cgroups have no cpuset directory: use the nearest ancestor with a non-empty list.</summary>
    private int CountCpus(string relativePath, char[] text)
    {
        var directory = CgroupPaths.Join(_cpuset, relativePath, stackalloc char[CgroupPaths.StackLength]);
        // Stop at the job level (slurm root, uid, job = 3 parts): above it the cpuset is the whole node's.
        for (var length = relativePath.Count('/') + 1; length >= 3; length--)
        {
            if (CgroupFileReader.TryRead(directory, "cpuset.cpus", optional: true, text, out var read))
            {
                var count = CgroupFileParser.CountCpus(text.AsSpan(0, read), "cpuset.cpus");
                if (count > 0) return count;
            }
            directory = directory[..directory.LastIndexOf('/')];
        }
        return 0;
    }

    private static ReadOnlySpan<char> Required(ReadOnlySpan<char> directory, string file, char[] text)
    {
        CgroupFileReader.TryRead(directory, file, optional: false, text, out var length);
        return text.AsSpan(0, length);
    }

    private static ulong Single(ReadOnlySpan<char> directory, string file, char[] text) =>
        CgroupFileParser.ParseSingleValue(Required(directory, file, text), file);

    private static ulong? OptionalSingle(ReadOnlySpan<char> directory, string file, char[] text) =>
        CgroupFileReader.TryRead(directory, file, optional: true, text, out var length)
            ? CgroupFileParser.ParseSingleValue(text.AsSpan(0, length), file)
            : null;

    internal static ulong Key(Dictionary<string, ulong> values, string key, string file) =>
        values.TryGetValue(key, out var value) ? value : throw new FormatException($"{file}: no '{key}' line");
}
