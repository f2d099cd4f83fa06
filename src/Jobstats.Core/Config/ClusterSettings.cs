namespace Jobstats.Core.Config;

/// <summary>Per-cluster overrides, keyed by Slurm's ClusterName.</summary>
public sealed class ClusterSettings
{
    public string? PrometheusUrl { get; set; }
}
