namespace Jobstats.Exporter.Cgroups;

/// <summary>
/// Slurm under cgroup v2: <c>system.slice/slurmstepd.scope/job_J/step_S/user/task_T</c> (job directories may be
/// SLUIDs). The <c>user</c> level is skipped; steps' <c>slurm</c> directories (slurmstepd itself) are not jobs' work.
/// </summary>
internal sealed class CgroupV2Layout(string cgroupRoot) : ICgroupLayout
{
    private const string ScopePath = "system.slice/slurmstepd.scope";

    private readonly string _root = cgroupRoot;

    public IReadOnlyList<SlurmCgroup> Discover(bool includeStepsAndTasks)
    {
        var found = new List<SlurmCgroup>();
        var scope = Path.Combine(_root, ScopePath);
        foreach (var jobDir in DirectoryListing.Names(scope))
        {
            if (!SlurmCgroupNames.TryJob(jobDir, out var jobId)) continue;
            var jobPath = $"{ScopePath}/{jobDir}";
            found.Add(new SlurmCgroup(jobId, "", "", null, jobPath));
            if (!includeStepsAndTasks) continue;
            foreach (var stepDir in DirectoryListing.Names(_root, jobPath))
            {
                if (!SlurmCgroupNames.TryStep(stepDir, out var step)) continue;
                var stepPath = $"{jobPath}/{stepDir}";
                found.Add(new SlurmCgroup(jobId, step, "", null, stepPath));
                foreach (var taskDir in DirectoryListing.Names(_root, $"{stepPath}/user"))
                    if (SlurmCgroupNames.TryTask(taskDir, out var task))
                        found.Add(new SlurmCgroup(jobId, step, task, null, $"{stepPath}/user/{taskDir}"));
            }
        }
        return found;
    }

    public CgroupStats Read(SlurmCgroup cgroup)
    {
        var directory = Path.Combine(_root, cgroup.RelativePath);
        var cpu = Flat(directory, "cpu.stat");
        var memory = Flat(directory, "memory.stat");
        var events = Flat(directory, "memory.events");
        var cpus = CgroupFileParser.CountCpus(CgroupFileReader.Read(Path.Combine(directory, "cpuset.cpus.effective")), "cpuset.cpus.effective");
        return new CgroupStats
        {
            CpuUserSeconds = CgroupV1Layout.Key(cpu, "user_usec", "cpu.stat") / 1e6,
            CpuSystemSeconds = CgroupV1Layout.Key(cpu, "system_usec", "cpu.stat") / 1e6,
            CpuTotalSeconds = CgroupV1Layout.Key(cpu, "usage_usec", "cpu.stat") / 1e6,
            Cpus = cpus,
            MemoryRssBytes = CgroupV1Layout.Key(memory, "anon", "memory.stat") + (memory.TryGetValue("swapcached", out var swapCached) ? swapCached : 0),
            MemoryCacheBytes = CgroupV1Layout.Key(memory, "file", "memory.stat"),
            MemoryShmemBytes = CgroupV1Layout.Key(memory, "shmem", "memory.stat"),
            MemoryUsedBytes = CgroupFileParser.ParseSingleValue(CgroupFileReader.Read(Path.Combine(directory, "memory.current")), "memory.current"),
            MemoryTotalBytes = NearestLimit(cgroup.RelativePath),
            MemoryFailCount = CgroupV1Layout.Key(events, "max", "memory.events"),
        };
    }

    public bool StillExists(SlurmCgroup cgroup) => Directory.Exists(Path.Combine(_root, cgroup.RelativePath));

    /// <summary>memory.max "max" means unlimited here: the effective limit is the nearest ancestor's.</summary>
    private ulong? NearestLimit(string relativePath)
    {
        var parts = relativePath.Split('/');
        for (var length = parts.Length; length >= 1; length--)
        {
            var content = CgroupFileReader.ReadOptional(Path.Combine(_root, string.Join('/', parts[..length]), "memory.max"));
            if (content is null)
            {
                if (length == parts.Length) throw new FileNotFoundException("memory.max is missing");
                continue;
            }
            var limit = CgroupFileParser.ParseLimit(content, "memory.max");
            if (limit is not null) return limit;
        }
        return null;
    }

    private static Dictionary<string, ulong> Flat(string directory, string file) =>
        CgroupFileParser.ParseFlatKeyed(CgroupFileReader.Read(Path.Combine(directory, file)), file);
}
