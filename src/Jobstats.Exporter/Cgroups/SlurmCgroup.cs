namespace Jobstats.Exporter.Cgroups;

/// <summary>One Slurm cgroup found on disk: a job (Step and Task empty), a step, or a task.</summary>
/// <param name="RelativePath">Path under the controller (v1) or under the cgroup root (v2).</param>
internal sealed record SlurmCgroup(string JobId, string Step, string Task, string? Uid, string RelativePath)
{
    public bool IsJob => Step.Length == 0;
}
