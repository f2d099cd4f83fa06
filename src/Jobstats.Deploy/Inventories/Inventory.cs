namespace Jobstats.Deploy.Inventories;

/// <summary>The admin's description of one cluster deployment, as loaded and validated from the inventory YAML.</summary>
public sealed record Inventory
{
    public required string Cluster { get; init; }
    public required BcmSettings Bcm { get; init; }
    public required SlurmSettings Slurm { get; init; }
    /// <summary>Role name → entries as written: host names, hostlists, or <c>category:NAME</c>.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<RoleEntry>> Roles { get; init; }
    /// <summary>
    /// The one target of a single-target inventory (<c>target:</c>); with <c>targets:</c>, the head node's: where
    /// jobstatsctl runs, keeps its state and finds shared storage.
    /// </summary>
    public required TargetSettings Target { get; init; }

    /// <summary>The <c>targets:</c> section (a target per role member); null for a single-target inventory.</summary>
    public TargetMap? Targets { get; init; }

    /// <summary>How hosts reached over ssh are reached: the <c>targets.ssh</c> settings, or the one target's.</summary>
    public TargetSettings SshTarget => Targets?.Ssh ?? Target;

    /// <summary>The inventory file's text as loaded (the head node's copy for the refresh-targets timer).</summary>
    public string Text { get; init; } = "";
    public required PrometheusSettings Prometheus { get; init; }
    public required PortSettings Ports { get; init; }
    public required BinarySettings Binaries { get; init; }
    public required GrafanaSettings Grafana { get; init; }
    public SummaryStoreSettings Summaries { get; init; } = SummaryStoreSettings.Default;
    public ExporterSecurity Exporter { get; init; } = ExporterSecurity.None;
    public AlertSettings Alerts { get; init; } = AlertSettings.Default;
    public MailSettings Mail { get; init; } = MailSettings.Default;
    public LongTermStoreSettings LongTermStore { get; init; } = LongTermStoreSettings.None;
    public string SourcePath { get; init; } = "";
}

/// <summary>
/// Where the summary service keeps summaries (written into jobstats.yaml as summaries.store and
/// summaries.database_option_file): Slurm's AdminComment, or the external MariaDB/MySQL store.
/// </summary>
public sealed record SummaryStoreSettings(string Store, string DatabaseOptionFile)
{
    public static readonly SummaryStoreSettings Default = new("admin_comment", "/etc/jobstats/summary-db.cnf");
    public static readonly IReadOnlyList<string> Stores = ["admin_comment", "database", "database_and_admin_comment"];
}

public sealed record BcmSettings(bool Enabled, string HeadNode, string Cmsh, bool ImageUpdate);

public sealed record SlurmSettings(string Conf, SlurmSettingsVia SettingsVia, string User, int StoreTimeoutSeconds);

public enum SlurmSettingsVia { SlurmConf, Cmsh }

public enum TargetKind { Local, Image, Ssh }

public sealed record TargetSettings(
    TargetKind Kind, string Root, bool ManageServices, string StateDir, string SharedRoot, SshSettings Ssh);

public sealed record SshSettings(string User, int Port, string? IdentityFile, string? KnownHostsFile, int Parallelism);

/// <summary>
/// Where each member of a role goes in a whole-cluster inventory: the head node's roles onto this machine, a BCM
/// category's roles into the category's software image (or over ssh onto its nodes), every other host over ssh.
/// </summary>
public sealed record TargetMap(TargetSettings HeadNode, string HeadNodeHost, TargetSettings Ssh, IReadOnlyDictionary<string, CategoryTarget> Categories)
{
    /// <summary>The category's settings, or the default: its software image, looked up through cmsh.</summary>
    public CategoryTarget Category(string name) => Categories.TryGetValue(name, out var c) ? c : CategoryTarget.Default;
}

/// <summary>How one BCM category is deployed to: into its software image (named, at a given root, or looked up
/// through cmsh) with an optional imageupdate, or over ssh onto its live nodes.</summary>
public sealed record CategoryTarget(TargetKind Kind, string? Image, string? Root, bool? ImageUpdate)
{
    public static readonly CategoryTarget Default = new(TargetKind.Image, null, null, null);
}

public enum PrometheusMode { New, Existing }

/// <param name="RefreshInterval">How often the head node's timer rewrites the file_sd targets from BCM's categories.</param>
public sealed record PrometheusSettings(
    PrometheusMode Mode, string Url, string ScrapeInterval, string Retention, string TargetsDir, int TimeoutSeconds, string RefreshInterval = "5m");

public sealed record PortSettings(int Exporter, int NodeExporter, int Prometheus, int Grafana, int Summaries = 9307, int VictoriaMetrics = 8428);

/// <param name="Jobstatsctl">Where jobstatsctl is installed on the head node, for the refresh-targets timer.</param>
public sealed record BinarySettings(string JobstatsDir, string Upstream, string Jobstatsctl = "/usr/local/bin/jobstatsctl")
{
    public bool UpstreamFromOsPackages => Upstream == "os-packages";
}

/// <param name="Url">The address users open Grafana at (often behind a proxy, so never guessed from the host): written
/// into jobstats.yaml, where the timeline links to the single-job dashboard while Prometheus still holds the job.</param>
public sealed record GrafanaSettings(string DashboardsDir, string ProvisioningDir, string? Url = null);

/// <summary>One entry of a role list, with the inventory line it came from for error messages.</summary>
public sealed record RoleEntry(string Text, int Line)
{
    public const string CategoryPrefix = "category:";
    public bool IsCategory => Text.StartsWith(CategoryPrefix, StringComparison.Ordinal);
    public string Category => Text[CategoryPrefix.Length..];
}
