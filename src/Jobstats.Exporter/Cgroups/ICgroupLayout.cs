namespace Jobstats.Exporter.Cgroups;

/// <summary>One way Slurm lays out job cgroups (v1 controllers or the v2 unified tree).</summary>
internal interface ICgroupLayout
{
    /// <summary>Slurm cgroups present right now; empty when this layout is not in use on the node.</summary>
    IReadOnlyList<SlurmCgroup> Discover(bool includeStepsAndTasks);

    /// <summary>Reads one cgroup. Throws IOException or FormatException when it cannot be read completely.</summary>
    CgroupStats Read(SlurmCgroup cgroup);

    /// <summary>False once any of the cgroup's directories is gone (job finished during the scrape).</summary>
    bool StillExists(SlurmCgroup cgroup);
}
