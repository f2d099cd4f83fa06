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
        foreach (var uidDir in DirectoryListing.Names(Path.Combine(_cpuacct, slurmRoot)))
        {
            if (!SlurmCgroupNames.TryUid(uidDir, out var uid)) continue;
            foreach (var jobDir in DirectoryListing.Names(Path.Combine(_cpuacct, slurmRoot, uidDir)))
            {
                if (!jobDir.StartsWith("job_", StringComparison.Ordinal) || !SlurmCgroupNames.TryJob(jobDir, out var jobId)) continue;
                var jobPath = $"{slurmRoot}/{uidDir}/{jobDir}";
                found.Add(new SlurmCgroup(jobId, "", "", uid, jobPath));
                if (!includeStepsAndTasks) continue;
                foreach (var stepDir in DirectoryListing.Names(Path.Combine(_cpuacct, jobPath)))
                {
                    if (!SlurmCgroupNames.TryStep(stepDir, out var step)) continue;
                    var stepPath = $"{jobPath}/{stepDir}";
                    found.Add(new SlurmCgroup(jobId, step, "", uid, stepPath));
                    foreach (var taskDir in DirectoryListing.Names(Path.Combine(_cpuacct, stepPath)))
                        if (SlurmCgroupNames.TryTask(taskDir, out var task))
                            found.Add(new SlurmCgroup(jobId, step, task, uid, $"{stepPath}/{taskDir}"));
                }
            }
        }
        return found;
    }

    public CgroupStats Read(SlurmCgroup cgroup)
    {
        var cpuacct = Path.Combine(_cpuacct, cgroup.RelativePath);
        var memory = Path.Combine(_memory, cgroup.RelativePath);
        var usage = Single(cpuacct, "cpuacct.usage");
        var ticks = CgroupFileParser.ParseFlatKeyed(CgroupFileReader.Read(Path.Combine(cpuacct, "cpuacct.stat")), "cpuacct.stat");
        // Hierarchical totals: at job and step level the plain rss/cache lines count only the cgroup's own pages (0).
        var stat = CgroupFileParser.ParseFlatKeyed(CgroupFileReader.Read(Path.Combine(memory, "memory.stat")), "memory.stat");
        var cache = Key(stat, "total_cache", "memory.stat");
        var fileBacked = Key(stat, "total_inactive_file", "memory.stat") + Key(stat, "total_active_file", "memory.stat");
        return new CgroupStats
        {
            CpuUserSeconds = Key(ticks, "user", "cpuacct.stat") / UserHz,
            CpuSystemSeconds = Key(ticks, "system", "cpuacct.stat") / UserHz,
            CpuTotalSeconds = usage / 1e9,
            Cpus = CountCpus(cgroup.RelativePath),
            MemoryRssBytes = Key(stat, "total_rss", "memory.stat"),
            MemoryCacheBytes = cache,
            MemoryShmemBytes = cache > fileBacked ? cache - fileBacked : 0,
            MemoryUsedBytes = Single(memory, "memory.usage_in_bytes"),
            MemoryTotalBytes = Single(memory, "memory.limit_in_bytes"),
            MemoryFailCount = Single(memory, "memory.failcnt"),
            MemswUsedBytes = OptionalSingle(memory, "memory.memsw.usage_in_bytes"),
            MemswTotalBytes = OptionalSingle(memory, "memory.memsw.limit_in_bytes"),
            MemswFailCount = OptionalSingle(memory, "memory.memsw.failcnt"),
        };
    }

    /// <summary>Both controllers read must still hold the cgroup: Slurm removes memory's directory before cpuacct's.</summary>
    public bool StillExists(SlurmCgroup cgroup) =>
        Directory.Exists(Path.Combine(_cpuacct, cgroup.RelativePath)) && Directory.Exists(Path.Combine(_memory, cgroup.RelativePath));

    /// <summary>Slurm's task cgroups have no cpuset directory: use the nearest ancestor with a non-empty list.</summary>
    private int CountCpus(string relativePath)
    {
        var parts = relativePath.Split('/');
        // Stop at the job level (slurm root, uid, job = 3 parts): above it the cpuset is the whole node's.
        for (var length = parts.Length; length >= 3; length--)
        {
            var file = Path.Combine(_cpuset, string.Join('/', parts[..length]), "cpuset.cpus");
            var content = CgroupFileReader.ReadOptional(file);
            if (content is null) continue;
            var count = CgroupFileParser.CountCpus(content, "cpuset.cpus");
            if (count > 0) return count;
        }
        return 0;
    }

    private static ulong Single(string directory, string file) =>
        CgroupFileParser.ParseSingleValue(CgroupFileReader.Read(Path.Combine(directory, file)), file);

    private static ulong? OptionalSingle(string directory, string file)
    {
        var content = CgroupFileReader.ReadOptional(Path.Combine(directory, file));
        return content is null ? null : CgroupFileParser.ParseSingleValue(content, file);
    }

    internal static ulong Key(Dictionary<string, ulong> values, string key, string file) =>
        values.TryGetValue(key, out var value) ? value : throw new FormatException($"{file}: no '{key}' line");
}
