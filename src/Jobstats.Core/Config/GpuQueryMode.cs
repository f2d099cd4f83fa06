namespace Jobstats.Core.Config;

public enum GpuQueryMode
{
    /// <summary>GPU series carry a <c>jobid</c> label (current exporters; fast).</summary>
    JobIdLabel,
    /// <summary>Join with the exporter's <c>nvidia_gpu_jobId</c> gauge (old exporters).</summary>
    Legacy,
}
