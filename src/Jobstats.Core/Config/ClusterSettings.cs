namespace Jobstats.Core.Config;

/// <summary>Per-cluster overrides, keyed by Slurm's ClusterName.</summary>
public sealed class ClusterSettings
{
    public string? PrometheusUrl { get; set; }
    public string? BearerTokenFile { get; set; }
    public BasicAuthSettings? BasicAuth { get; set; }
    public string? CaFile { get; set; }
}
