namespace Jobstats.Core.Guard;

/// <summary>
/// A running job with GPUs as the idle-GPU action sees it: from sacct, and how long its GPUs have all been at 0%
/// (null when Prometheus has no GPU series for it, which is never taken for idleness).
/// </summary>
public sealed record IdleGpuJob(string Cluster, string JobId, string User, string Account, string Partition, string JobName, int Gpus,
    long Start, double? IdleSeconds)
{
    /// <summary>The job's key in the state file: job ids repeat across clusters.</summary>
    public string Key => $"{Cluster}/{JobId}";
}
