namespace Jobstats.Slurm.Queue;

/// <summary>A job running now, as squeue tells it: the id the node exporters label it with, and who it belongs to.</summary>
public sealed record RunningJob(string JobId, string User, string Account, string Partition);
