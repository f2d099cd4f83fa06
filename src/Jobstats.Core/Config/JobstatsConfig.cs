using Jobstats.Core.Notes;

namespace Jobstats.Core.Config;

/// <summary>Settings of the <c>jobstats</c> command; every key has a built-in default.</summary>
public sealed class JobstatsConfig
{
    public const string DefaultPath = "/etc/jobstats/jobstats.yaml";

    public string PrometheusUrl { get; set; } = "http://127.0.0.1:9090";
    /// <summary>Credentials and CA of <see cref="PrometheusUrl"/> (the <c>prometheus:</c> section).</summary>
    public string? BearerTokenFile { get; set; }
    public BasicAuthSettings? BasicAuth { get; set; }
    public string? CaFile { get; set; }

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
    public MailSettings Mail { get; } = new();
    public IdleGpuSettings IdleGpus { get; } = new();
    public WasteSettings Waste { get; } = new();

    /// <summary>The Prometheus to ask about jobs of <paramref name="cluster"/>.</summary>
    public string PrometheusUrlFor(string cluster) => PrometheusFor(cluster).Url;

    /// <summary>
    /// The store to ask about jobs of <paramref name="cluster"/>, with its credentials. A cluster with its own
    /// <c>prometheus_url</c> uses only its own credentials: those of the <c>prometheus:</c> section are never sent to
    /// another server.
    /// </summary>
    public PrometheusAccess PrometheusFor(string cluster) =>
        Clusters.TryGetValue(cluster, out ClusterSettings? settings) && settings.PrometheusUrl is { Length: > 0 } url
            ? new PrometheusAccess(url, settings.BearerTokenFile, settings.BasicAuth, settings.CaFile)
            : new PrometheusAccess(PrometheusUrl, BearerTokenFile, BasicAuth, CaFile);

    /// <summary>As <see cref="PrometheusFor(string)"/>; a URL given on the command line replaces the URL and keeps the credentials.</summary>
    public PrometheusAccess PrometheusFor(string cluster, string? urlOverride) =>
        urlOverride is null ? PrometheusFor(cluster) : PrometheusFor(cluster) with { Url = urlOverride };

    /// <summary>Maps a <c>-c</c> alias to the Slurm cluster name.</summary>
    public string ResolveCluster(string name) => ClusterAliases.TryGetValue(name, out string? real) ? real : name;
}
