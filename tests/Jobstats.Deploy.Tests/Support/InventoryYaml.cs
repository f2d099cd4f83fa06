using Jobstats.Testing;

namespace Jobstats.Deploy.Tests.Support;

/// <summary>
/// The YAML of a local-target inventory below a temp root (every role on lab1, a new Prometheus, no BCM), changed
/// through named steps rather than by patching lines of text, so a test reads as what it deploys.
/// </summary>
public sealed class InventoryYaml(TempDirectory root, string binaries)
{
    private static readonly string[] EveryRoleOnOneHost =
        ["controller: [lab1]", "login: [lab1]", "compute: [lab1]", "prometheus: [lab1]", "grafana: [lab1]"];

    private string[] _roles = EveryRoleOnOneHost;
    private string? _cmsh;
    private string _prometheusMode = "new";
    private string? _imageRoot;
    private string? _sharedRoot;

    /// <summary>Only these roles, each a line such as <c>compute: ['category:dgx']</c>.</summary>
    public InventoryYaml WithRoles(params string[] roles)
    {
        _roles = roles;
        return this;
    }

    /// <summary>A BCM cluster driven through this cmsh, which then also carries the Slurm settings.</summary>
    public InventoryYaml WithBcm(string cmsh)
    {
        _cmsh = cmsh;
        return this;
    }

    /// <summary>Into a BCM software image directory rather than onto this machine, shared storage below <paramref name="sharedRoot"/>.</summary>
    public InventoryYaml IntoImage(string imageRoot, string sharedRoot)
    {
        _imageRoot = imageRoot;
        _sharedRoot = sharedRoot;
        return this;
    }

    /// <summary><c>new</c> (we deploy Prometheus) or <c>existing</c> (the site's).</summary>
    public InventoryYaml WithPrometheus(string mode)
    {
        _prometheusMode = mode;
        return this;
    }

    private string _extra = "";
    private int _exporterPort = 9306;

    public InventoryYaml WithExporterPort(int port)
    {
        _exporterPort = port;
        return this;
    }

    /// <summary>More top-level sections, as YAML text (e.g. an <c>exporter:</c> section).</summary>
    public InventoryYaml With(string sections)
    {
        _extra += sections.TrimEnd('\n') + "\n";
        return this;
    }

    public override string ToString() => $"""
        cluster: labcluster
        bcm:
          {(_cmsh is null ? "enabled: false" : $"enabled: true\n  cmsh: {_cmsh}")}
        slurm:
          conf: /etc/slurm/slurm.conf
          settings_via: {(_cmsh is null ? "slurm-conf" : "cmsh")}
        roles:
        {string.Join("\n", _roles.Select(role => "  " + role))}
        target:
          {(_imageRoot is null ? $"kind: local\n  root: {root.Path}/root" : $"kind: image\n  root: {_imageRoot}\n  shared_root: {_sharedRoot}")}
          manage_services: false
        prometheus:
          mode: {_prometheusMode}
          url: http://127.0.0.1:9090
          scrape_interval: 30s
          retention: 30d
        ports: {"{"} exporter: {_exporterPort}, node_exporter: 9100, prometheus: 9090, grafana: 3000 {"}"}
        binaries:
          jobstats_dir: {binaries}
          upstream: os-packages
        {_extra}
        """;
}
