namespace Jobstats.Exporter.Cgroups;

/// <summary>
/// Values read from one cgroup in one scrape; optional parts are null when the kernel does not provide them. A value
/// type: a scrape keeps one per cgroup (thousands) until its body is written.
/// </summary>
internal readonly record struct CgroupStats
{
    public required double CpuUserSeconds { get; init; }
    public required double CpuSystemSeconds { get; init; }
    public required double CpuTotalSeconds { get; init; }
    public required int Cpus { get; init; }
    public required ulong MemoryRssBytes { get; init; }
    public required ulong MemoryCacheBytes { get; init; }
    public required ulong MemoryShmemBytes { get; init; }
    public required ulong MemoryUsedBytes { get; init; }
    public required ulong? MemoryTotalBytes { get; init; }
    public required ulong MemoryFailCount { get; init; }
    public ulong? MemswUsedBytes { get; init; }
    public ulong? MemswTotalBytes { get; init; }
    public ulong? MemswFailCount { get; init; }
}
