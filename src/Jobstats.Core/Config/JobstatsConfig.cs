using Jobstats.Core.Notes;

namespace Jobstats.Core.Config;

/// <summary>Settings of the <c>jobstats</c> command; every key has a built-in default.</summary>
public sealed class JobstatsConfig
{
    public const string DefaultPath = "/etc/jobstats/jobstats.yaml";

    public string PrometheusUrl { get; set; } = "http://127.0.0.1:9090";

    /// <summary>Grafana with the single-job dashboard (jobstats-single-job), for links in the timeline; none by default.</summary>
    public string? GrafanaUrl { get; set; }
    public double TimeoutSeconds { get; set; } = 10;
    /// <summary>The largest Prometheus answer read, in MiB; a job's answers are far smaller, a broken proxy's may not end.</summary>
    public int MaxResponseMiB { get; set; } = 64;
    public Dictionary<string, ClusterSettings> Clusters { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> ClusterAliases { get; } = new(StringComparer.Ordinal);
    public int SamplingPeriodSeconds { get; set; } = 30;
    public int MaxJobNameLength { get; set; } = 64;
    public GpuQueryMode GpuQuery { get; set; } = GpuQueryMode.JobIdLabel;
    public Thresholds Thresholds { get; } = new();
    public MetricNames Metrics { get; } = new();
    public LabelNames Labels { get; } = new();
    public List<NoteRule> NoteRules { get; } = [.. DefaultNoteRules.All];
    public SummarySettings Summaries { get; } = new();

    /// <summary>The Prometheus to ask about jobs of <paramref name="cluster"/>.</summary>
    public string PrometheusUrlFor(string cluster) =>
        Clusters.TryGetValue(cluster, out ClusterSettings? settings) && settings.PrometheusUrl is { Length: > 0 } url
            ? url : PrometheusUrl;

    /// <summary>Maps a <c>-c</c> alias to the Slurm cluster name.</summary>
    public string ResolveCluster(string name) => ClusterAliases.TryGetValue(name, out string? real) ? real : name;
}
