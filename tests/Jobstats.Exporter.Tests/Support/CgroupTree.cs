namespace Jobstats.Exporter.Tests.Support;

/// <summary>Values written into a fixture cgroup (defaults are the job-level sample observed under real Slurm).</summary>
public sealed record V1Values
{
    public string CpuacctUsage { get; init; } = "21987324835\n";
    public string CpuacctStat { get; init; } = "user 2062\nsystem 136\n";
    public string Cpus { get; init; } = "0-1\n";
    public ulong TotalRss { get; init; } = 329142272;
    public ulong TotalCache { get; init; } = 5783552;
    public ulong TotalInactiveFile { get; init; } = 1048576;
    public ulong TotalActiveFile { get; init; } = 3145728;
    public string UsageInBytes { get; init; } = "336879616\n";
    public string LimitInBytes { get; init; } = "629145600\n";
    public string FailCount { get; init; } = "0\n";
    public bool Memsw { get; init; }
}

public sealed record V2Values
{
    public string CpuStat { get; init; } = "usage_usec 5000000\nuser_usec 4000000\nsystem_usec 1000000\nnr_periods 0\nnr_throttled 0\nthrottled_usec 0\n";
    public string CpusEffective { get; init; } = "0-3\n";
    public string MemoryStat { get; init; } = "anon 104857600\nfile 20971520\nkernel 1048576\nshmem 4096\nswapcached 8192\nfile_mapped 0\n";
    public string MemoryCurrent { get; init; } = "130023424\n";
    public string MemoryMax { get; init; } = "1073741824\n";
    public string MemoryEvents { get; init; } = "low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\noom_group_kill 0\n";
}

/// <summary>Writes Slurm-shaped cgroup trees (as files on tmpfs) for the collector to read.</summary>
public static class CgroupTree
{
    /// <summary>A v1 cgroup at <c>slurmRoot/uid_U/job_J[/step_S[/task_T]]</c> under cpuacct, memory and (without task) cpuset.</summary>
    public static string V1(string root, string slurmRoot, string uid, string job, string? step = null, string? task = null, V1Values? values = null)
    {
        values ??= new V1Values();
        var relative = $"{slurmRoot}/uid_{uid}/job_{job}" + (step is null ? "" : $"/step_{step}") + (task is null ? "" : $"/task_{task}");
        var cpuacct = Dir(root, "cpuacct", relative);
        File.WriteAllText(Path.Combine(cpuacct, "cpuacct.usage"), values.CpuacctUsage);
        File.WriteAllText(Path.Combine(cpuacct, "cpuacct.stat"), values.CpuacctStat);
        var memory = Dir(root, "memory", relative);
        File.WriteAllText(Path.Combine(memory, "memory.stat"),
            $"cache 0\nrss 0\nshmem 0\ntotal_cache {values.TotalCache}\ntotal_rss {values.TotalRss}\ntotal_shmem 0\n" +
            $"total_inactive_file {values.TotalInactiveFile}\ntotal_active_file {values.TotalActiveFile}\n");
        File.WriteAllText(Path.Combine(memory, "memory.usage_in_bytes"), values.UsageInBytes);
        File.WriteAllText(Path.Combine(memory, "memory.limit_in_bytes"), values.LimitInBytes);
        File.WriteAllText(Path.Combine(memory, "memory.failcnt"), values.FailCount);
        if (values.Memsw)
        {
            File.WriteAllText(Path.Combine(memory, "memory.memsw.usage_in_bytes"), "340000000\n");
            File.WriteAllText(Path.Combine(memory, "memory.memsw.limit_in_bytes"), "1258291200\n");
            File.WriteAllText(Path.Combine(memory, "memory.memsw.failcnt"), "2\n");
        }
        if (task is null) File.WriteAllText(Path.Combine(Dir(root, "cpuset", relative), "cpuset.cpus"), values.Cpus);
        return relative;
    }

    /// <summary>A v2 cgroup at <c>system.slice/slurmstepd.scope/JOBDIR[/step_S[/user/task_T]]</c>.</summary>
    public static string V2(string root, string jobDirectory, string? step = null, string? task = null, V2Values? values = null)
    {
        values ??= new V2Values();
        var relative = $"system.slice/slurmstepd.scope/{jobDirectory}" + (step is null ? "" : $"/step_{step}") + (task is null ? "" : $"/user/task_{task}");
        var dir = Dir(root, relative);
        File.WriteAllText(Path.Combine(dir, "cpu.stat"), values.CpuStat);
        File.WriteAllText(Path.Combine(dir, "cpuset.cpus.effective"), values.CpusEffective);
        File.WriteAllText(Path.Combine(dir, "memory.stat"), values.MemoryStat);
        File.WriteAllText(Path.Combine(dir, "memory.current"), values.MemoryCurrent);
        File.WriteAllText(Path.Combine(dir, "memory.max"), values.MemoryMax);
        File.WriteAllText(Path.Combine(dir, "memory.events"), values.MemoryEvents);
        return relative;
    }

    private static string Dir(params string[] parts)
    {
        var path = Path.Combine(parts);
        Directory.CreateDirectory(path);
        return path;
    }
}
