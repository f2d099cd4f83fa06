using Jobstats.Metrics.Exposition;

namespace Jobstats.Exporter.Cgroups;

/// <summary>The cgroup families, with the names and labels of plazonic/cgroup_exporter that jobstats queries.</summary>
internal static class CgroupMetrics
{
    private static readonly string[] Labels = ["jobid", "step", "task"];

    public static readonly MetricFamily CpuUser = new("cgroup_cpu_user_seconds", "Cumulative CPU user time in seconds.", Labels);
    public static readonly MetricFamily CpuSystem = new("cgroup_cpu_system_seconds", "Cumulative CPU system time in seconds.", Labels);
    public static readonly MetricFamily CpuTotal = new("cgroup_cpu_total_seconds", "Cumulative CPU time in seconds.", Labels);
    public static readonly MetricFamily Cpus = new("cgroup_cpus", "Number of CPUs in the cgroup's cpuset.", Labels);
    public static readonly MetricFamily MemoryRss = new("cgroup_memory_rss_bytes", "Anonymous (RSS) memory in bytes.", Labels);
    public static readonly MetricFamily MemoryCache = new("cgroup_memory_cache_bytes", "Page cache memory in bytes.", Labels);
    public static readonly MetricFamily MemoryShmem = new("cgroup_memory_shmem_bytes", "Shared memory in bytes.", Labels);
    public static readonly MetricFamily MemoryUsed = new("cgroup_memory_used_bytes", "Memory used in bytes.", Labels);
    public static readonly MetricFamily MemoryTotal = new("cgroup_memory_total_bytes", "Memory limit in bytes.", Labels);
    public static readonly MetricFamily MemoryFailCount = new("cgroup_memory_fail_count", "Number of times the memory limit was hit.", Labels);
    public static readonly MetricFamily MemswUsed = new("cgroup_memsw_used_bytes", "Memory plus swap used in bytes.", Labels);
    public static readonly MetricFamily MemswTotal = new("cgroup_memsw_total_bytes", "Memory plus swap limit in bytes.", Labels);
    public static readonly MetricFamily MemswFailCount = new("cgroup_memsw_fail_count", "Number of times the memory plus swap limit was hit.", Labels);
    public static readonly MetricFamily Uid = new("cgroup_uid", "Uid of the job's owner.", "jobid");
    public static readonly MetricFamily CollectError = new("cgroup_exporter_collect_error", "1 when the cgroup could not be read in this scrape.", Labels);

    public static IReadOnlyList<MetricFamily> All { get; } =
    [
        CpuUser, CpuSystem, CpuTotal, Cpus, MemoryRss, MemoryCache, MemoryShmem, MemoryUsed, MemoryTotal,
        MemoryFailCount, MemswUsed, MemswTotal, MemswFailCount, Uid, CollectError,
    ];
}
