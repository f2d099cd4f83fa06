namespace Jobstats.Deploy.Inventories;

/// <summary>The admin's description of one cluster deployment, as loaded and validated from the inventory YAML.</summary>
public sealed record Inventory
{
    public required string Cluster { get; init; }
    public required BcmSettings Bcm { get; init; }
    public required SlurmSettings Slurm { get; init; }
    /// <summary>Role name → entries as written: host names, hostlists, or <c>category:NAME</c>.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<RoleEntry>> Roles { get; init; }
    public required TargetSettings Target { get; init; }
    public required PrometheusSettings Prometheus { get; init; }
    public required PortSettings Ports { get; init; }
    public required BinarySettings Binaries { get; init; }
    public required GrafanaSettings Grafana { get; init; }
    public SummaryStoreSettings Summaries { get; init; } = SummaryStoreSettings.Default;
    public ExporterSecurity Exporter { get; init; } = ExporterSecurity.None;
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

public enum PrometheusMode { New, Existing }

public sealed record PrometheusSettings(
    PrometheusMode Mode, string Url, string ScrapeInterval, string Retention, string TargetsDir, int TimeoutSeconds);

public sealed record PortSettings(int Exporter, int NodeExporter, int Prometheus, int Grafana, int Summaries = 9307, int VictoriaMetrics = 8428);

public sealed record BinarySettings(string JobstatsDir, string Upstream)
{
    public bool UpstreamFromOsPackages => Upstream == "os-packages";
}

public sealed record GrafanaSettings(string DashboardsDir, string ProvisioningDir);

/// <summary>One entry of a role list, with the inventory line it came from for error messages.</summary>
public sealed record RoleEntry(string Text, int Line)
{
    public const string CategoryPrefix = "category:";
    public bool IsCategory => Text.StartsWith(CategoryPrefix, StringComparison.Ordinal);
    public string Category => Text[CategoryPrefix.Length..];
}
