namespace Jobstats.Deploy.Components;

/// <summary>Component names as they appear in plans, manifests, docs and the imaging audit.</summary>
internal static class ComponentNames
{
    public const string Exporter = "jobstats-exporter";
    public const string NodeExporter = "node-exporter";
    public const string SlurmNodeScripts = "slurm-node-scripts";
    public const string JobstatsCli = "jobstats-cli";
    public const string SlurmctldEpilog = "slurmctld-epilog";
    public const string SummaryService = "summary-service";
    public const string SlurmSettings = "slurm-settings";
    public const string Prometheus = "prometheus";
    public const string PrometheusTargets = "prometheus-targets";
    public const string Grafana = "grafana-dashboard";
    public const string RefreshTargets = "refresh-targets";
    public const string IdleGpuGuard = "idle-gpu-guard";
    public const string SlurmMail = "slurm-mail";
}
