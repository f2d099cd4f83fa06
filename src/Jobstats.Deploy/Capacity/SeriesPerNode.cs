namespace Jobstats.Deploy.Capacity;

/// <summary>
/// Series one compute node sends to Prometheus, counted on real output (see docs/admin-guide.md, "Capacity").
/// The jobstats-exporter figures are asserted against the published exporter by SeriesPerNodeTests (a cgroup v1
/// tree and the fake NVML with eight GPUs), so they change with the exporter or that test fails.
/// </summary>
public static class SeriesPerNode
{
    /// <summary>jobstats-exporter with no job on the node: its own and its collectors' series.</summary>
    public const int ExporterBase = 2;

    /// <summary>One job as Slurm lays it out in cgroups: the job, its batch and extern steps, one task each.</summary>
    public const int ExporterPerJob = 11;

    /// <summary>Eight Hopper GPUs with GPM, every family NVML reports (clocks, ECC, NVLink, GPM activity).</summary>
    public const int ExporterEightGpus = 164;

    /// <summary>
    /// Debian's prometheus-node-exporter with its default collectors, measured by bench/capacity/measure on the lab
    /// machine (2 cores, one disk, one network interface). DGX nodes have more CPUs, disks and interfaces: count theirs.
    /// </summary>
    public const int NodeExporter = 505;
}
