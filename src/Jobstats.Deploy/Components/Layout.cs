namespace Jobstats.Deploy.Components;

/// <summary>Where everything goes on a BCM cluster. One place, so the docs, the plan and the audit agree.</summary>
internal static class Layout
{
    public const string BinDir = "/usr/local/bin";
    public const string ConfigDir = "/etc/jobstats";
    public const string ConfigFile = "/etc/jobstats/jobstats.yaml";
    /// <summary>jobstats-exporter's --web.config.file (TLS, basic-auth hashes), when the inventory turns them on.</summary>
    public const string ExporterWebConfig = "/etc/jobstats/exporter-web.yml";
    /// <summary>What Prometheus needs to scrape the exporters over TLS with basic auth, copied from the admin's files.</summary>
    public const string PrometheusExporterCa = "/etc/prometheus/jobstats-exporter-ca.pem";
    public const string PrometheusExporterPassword = "/etc/prometheus/jobstats-exporter-password";
    /// <summary>The long-term store's CA and its bearer token or password, copied for Prometheus' remote_write.</summary>
    public const string PrometheusStoreCa = "/etc/prometheus/long-term-store-ca.pem";
    public const string PrometheusStoreSecret = "/etc/prometheus/long-term-store-credential";
    /// <summary>The data of the VictoriaMetrics jobstatsctl deploys (Debian's package uses the same directory).</summary>
    public const string VictoriaMetricsData = "/var/lib/victoria-metrics";
    public const string UnitDir = "/etc/systemd/system";
    public const string WantsDir = "/etc/systemd/system/multi-user.target.wants";
    public const string SharedRoot = "/cm/shared";
    public const string SharedScriptDir = "/cm/shared/apps/slurm/var/cm";
    public const string PrologDir = "/cm/local/apps/slurm/var/prologs";
    public const string EpilogDir = "/cm/local/apps/slurm/var/epilogs";
    public const string SlurmctldEpilog = "/cm/shared/apps/slurm/var/cm/slurmctld-epilog-jobstats.sh";
    public const string PrometheusConfigDir = "/etc/prometheus";
    public const string PrometheusConfig = "/etc/prometheus/prometheus.yml";
    /// <summary>The idle-GPU alerting rules, listed under rule_files of the prometheus.yml we write.</summary>
    public const string PrometheusAlertRules = "/etc/prometheus/jobstats-alerts.yml";
    public const string PrometheusSnippet = "/etc/prometheus/jobstats-scrape.yml";
    public const string PrometheusData = "/var/lib/prometheus";
    public const string ExporterTargets = "jobstats-exporter.json";
    public const string NodeExporterTargets = "node-exporter.json";
    public const string SummaryServiceTargets = "jobstats-summaries.json";
    /// <summary>The summary queue on the slurmctld host: the epilog writes entries, the summary service drains them.</summary>
    public const string SpoolDir = "/var/spool/jobstats";

    /// <summary>
    /// What the summary service keeps in its spool (jobstats' SpoolQueue and StatusFile): its status file, then the
    /// directories, removed only when empty, so an uninstall never deletes a queued job.
    /// </summary>
    public static readonly IReadOnlyList<string> SpoolContents = ["status", "tmp", "bad", "queue"];

    public static bool IsShared(string path) => path == SharedRoot || path.StartsWith(SharedRoot + "/", StringComparison.Ordinal);

    public const string TimersWantsDir = "/etc/systemd/system/timers.target.wants";
    /// <summary>The head node's copy of the inventory the refresh-targets timer reads.</summary>
    public const string InventoryCopy = "/etc/jobstats/jobstatsctl-inventory.yaml";

    public static string Unit(string name) => $"{UnitDir}/{name}.service";
    public static string TimerUnit(string name) => $"{UnitDir}/{name}.timer";
    public static string TimerWantsLink(string name) => $"{TimersWantsDir}/{name}.timer";
    public static string WantsLink(string name) => $"{WantsDir}/{name}.service";
}
