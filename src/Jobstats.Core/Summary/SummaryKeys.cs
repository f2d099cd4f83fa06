namespace Jobstats.Core.Summary;

/// <summary>
/// Per-node keys this implementation adds to the node dictionary, each <c>{minor: percent 0-100}</c> like
/// <c>gpu_utilization</c>. They are optional and only written when the job has the figures; upstream's readers
/// (jobstats, job_defense_shield, reportseff) look their own keys up by name and never see these.
/// </summary>
public static class SummaryKeys
{
    public const string GpuSmActive = "gpu_sm_active";
    public const string GpuTensorActive = "gpu_tensor_active";
    public const string GpuDramActive = "gpu_dram_active";
}
