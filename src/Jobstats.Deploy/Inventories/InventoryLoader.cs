using Jobstats.Core.Yaml;
using Jobstats.Deploy.Bcm;
using Jobstats.Slurm.Hostlists;
using YamlDotNet.RepresentationModel;

namespace Jobstats.Deploy.Inventories;

/// <summary>Loads and validates an inventory file; every problem is reported at once, each with its file and line.</summary>
public static class InventoryLoader
{
    /// <summary>Roles the components know. Others are a typo, so they are refused rather than silently ignored.</summary>
    public static readonly IReadOnlyList<string> KnownRoles = RoleNames.All;

    /// <summary>Inventories are small hand-written files; a huge one is a mistake and must not exhaust memory.</summary>
    public const long MaxFileBytes = 4 * 1024 * 1024;

    public static Inventory LoadFile(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new InventoryException([$"{path}: inventory file not found"]);
        if (info.Length > MaxFileBytes) throw new InventoryException([$"{path}: inventory is larger than {MaxFileBytes} bytes"]);
        return Parse(File.ReadAllText(path), path);
    }

    public static Inventory Parse(string yaml, string file = "inventory")
    {
        var problems = new YamlProblems(file);
        var document = YamlText.Load(yaml, problems);
        if (problems.Count > 0) throw new InventoryException(Lines(problems));
        if (document is not YamlMappingNode rootNode)
            throw new InventoryException([$"{file}:1: the inventory must be one YAML mapping (cluster:, roles:, target:, ...)"]);

        var root = new YamlSection(rootNode, "", problems);
        var cluster = root.String("cluster", "");
        if (cluster.Length == 0) root.Error(null, "'cluster' is required (the Slurm ClusterName)");
        else if (!HostNames.IsValid(cluster)) root.Error(root.Node("cluster"), $"'cluster' must be letters, digits, '-', '_' or '.', not '{cluster}'");

        var bcm = ReadBcm(root.Section("bcm"));
        var slurm = ReadSlurm(root.Section("slurm"));
        var roles = ReadRoles(root.Section("roles"), bcm.Enabled);
        TargetSettings target;
        TargetMap? targets = null;
        if (root.Node("targets") is { } targetsNode && !YamlScalars.IsNull(targetsNode))
        {
            if (root.Node("target") is { } single && !YamlScalars.IsNull(single))
                root.Error(root.KeyNode("target"), "'target' and 'targets' cannot both be given: 'targets' places every role member itself (move the one target's settings under targets.head_node, targets.ssh or targets.categories)");
            targets = ReadTargets(root.Section("targets"), bcm, roles);
            target = targets.HeadNode;
        }
        else target = ReadTarget(root.Section("target"));
        var prometheus = ReadPrometheus(root.Section("prometheus"));
        var ports = ReadPorts(root.Section("ports"));
        var binaries = ReadBinaries(root.Section("binaries"));
        var grafana = ReadGrafana(root.Section("grafana"));
        var summaries = ReadSummaries(root.Section("summaries"));
        var exporter = ReadExporter(root.Section("exporter"));
        var alerts = InventoryAlerts.Read(root.Section("alerts"));
        var mail = InventoryAlerts.ReadMail(root.Section("mail"));
        var store = ReadLongTermStore(root.Section("long_term_store"));
        root.ReportUnknownKeys();

        if (slurm.SettingsVia == SlurmSettingsVia.Cmsh && !bcm.Enabled)
            root.Error(root.Node("slurm"), "'slurm.settings_via: cmsh' needs 'bcm.enabled: true'");
        if (problems.Count > 0) throw new InventoryException(Lines(problems));

        return new Inventory
        {
            Cluster = cluster, Bcm = bcm, Slurm = slurm, Roles = roles, Target = target, Targets = targets, Prometheus = prometheus,
            Ports = ports, Binaries = binaries, Grafana = grafana, Summaries = summaries, Exporter = exporter, Alerts = alerts, Mail = mail,
            LongTermStore = store, SourcePath = file, Text = yaml,
        };
    }

    private static List<string> Lines(YamlProblems problems) => [.. problems.All.Select(p => p.ToString())];

    private static BcmSettings ReadBcm(YamlSection s)
    {
        var enabled = s.Bool("enabled", false);
        var head = s.String("head_node", "localhost");
        if (!HostNames.IsValid(head)) s.Error(s.Node("head_node"), $"'bcm.head_node' is not a valid host name: '{head}'");
        var cmsh = s.AbsolutePath("cmsh", "/cm/local/apps/cmd/bin/cmsh");
        var imageUpdate = s.Bool("imageupdate", false);
        s.ReportUnknownKeys();
        return new BcmSettings(enabled, head, cmsh, imageUpdate);
    }

    private static SlurmSettings ReadSlurm(YamlSection s)
    {
        var conf = s.AbsolutePath("conf", "/etc/slurm/slurm.conf");
        var via = s.Choice("settings_via", SlurmSettingsVia.SlurmConf, ("slurm-conf", SlurmSettingsVia.SlurmConf), ("cmsh", SlurmSettingsVia.Cmsh));
        var user = s.String("user", "slurm");
        if (!HostNames.IsValid(user)) s.Error(s.Node("user"), $"'slurm.user' is not a valid user name: '{user}'");
        var timeout = s.Int("store_timeout_seconds", 60, 5, 3600);
        s.ReportUnknownKeys();
        return new SlurmSettings(conf, via, user, timeout);
    }

    private static Dictionary<string, IReadOnlyList<RoleEntry>> ReadRoles(YamlSection s, bool bcmEnabled)
    {
        var roles = new Dictionary<string, IReadOnlyList<RoleEntry>>(StringComparer.Ordinal);
        foreach (var (name, keyNode, value) in s.Entries())
        {
            if (!KnownRoles.Contains(name))
            {
                s.Error(keyNode, $"unknown role '{name}' (known: {string.Join(", ", KnownRoles)})");
                continue;
            }
            var entries = new List<RoleEntry>();
            IEnumerable<YamlNode> items = value switch
            {
                YamlSequenceNode seq => seq.Children,
                YamlScalarNode scalar when !YamlScalars.IsNull(scalar) => [scalar],
                _ => [],
            };
            foreach (var item in items)
            {
                if (item is not YamlScalarNode { Value: { } text })
                {
                    s.Error(item, $"role '{name}': each entry must be a host name, hostlist or category:NAME");
                    continue;
                }
                var entry = new RoleEntry(text.Trim(), (int)item.Start.Line);
                if (entry.IsCategory)
                {
                    if (!bcmEnabled) s.Error(item, $"role '{name}': '{text}' needs bcm.enabled: true (categories are resolved through cmsh)");
                    else if (!BcmObjectNames.IsValid(entry.Category)) s.Error(item, $"role '{name}': bad category name '{entry.Category}'");
                }
                else
                {
                    try { HostlistExpression.Expand(entry.Text); }
                    catch (HostlistException e) { s.Error(item, $"role '{name}': bad host or hostlist '{text}': {e.Message} (at character {e.Position + 1})"); }
                }
                entries.Add(entry);
            }
            roles[name] = entries;
        }
        if (roles.Values.All(r => r.Count == 0)) s.Error(null, "'roles' must name at least one host");
        return roles;
    }

    private static TargetSettings ReadTarget(YamlSection s)
    {
        var kind = s.Choice("kind", TargetKind.Local, ("local", TargetKind.Local), ("image", TargetKind.Image), ("ssh", TargetKind.Ssh));
        var root = s.AbsolutePath("root", "/");
        if (kind == TargetKind.Image && root == "/")
            s.Error(s.Node("root"), "'target.root' must be the software image directory (e.g. /cm/images/dgx-image) when kind is image");
        var defaultManage = kind == TargetKind.Ssh || (kind == TargetKind.Local && root == "/");
        var manage = s.Bool("manage_services", defaultManage);
        if (kind == TargetKind.Image && manage)
            s.Error(s.Node("manage_services"), "'target.manage_services' cannot be true for an image: nothing runs in an image");
        var stateDir = s.AbsolutePath("state_dir", "/var/lib/jobstatsctl");
        // Image and ssh targets write shared storage and their bookkeeping on this (head) node, under this root.
        var sharedRoot = s.AbsolutePath("shared_root", kind == TargetKind.Local ? root : "/");
        var ssh = s.Section("ssh");
        var sshSettings = ReadSsh(ssh);
        ssh.ReportUnknownKeys();
        s.ReportUnknownKeys();
        return new TargetSettings(kind, root, manage, stateDir, sharedRoot, sshSettings);
    }

    /// <summary>How ssh reaches hosts; the caller reports the section's unknown keys (targets.ssh has more).</summary>
    private static SshSettings ReadSsh(YamlSection ssh)
    {
        var user = ssh.String("user", "root");
        if (!HostNames.IsValid(user)) ssh.Error(ssh.Node("user"), $"'{ssh.Qualify("user")}' is not a valid user name: '{user}'");
        var port = ssh.Port("port", 22);
        var identity = ssh.OptionalString("identity_file");
        var knownHosts = ssh.OptionalString("known_hosts_file");
        var parallel = ssh.Int("parallelism", 16, 1, 512);
        return new SshSettings(user, port, identity, knownHosts, parallel);
    }

    /// <summary>
    /// The whole-cluster <c>targets:</c> section. Every role member finds its target here: <c>category:NAME</c> entries
    /// go to the category's (its software image unless said otherwise), the head node's host to this machine, every
    /// other host over ssh.
    /// </summary>
    private static TargetMap ReadTargets(YamlSection s, BcmSettings bcm, IReadOnlyDictionary<string, IReadOnlyList<RoleEntry>> roles)
    {
        var stateDir = s.AbsolutePath("state_dir", "/var/lib/jobstatsctl");

        var head = s.Section("head_node");
        var headHost = head.String("host", bcm.HeadNode);
        if (!HostNames.IsValid(headHost)) head.Error(head.Node("host"), $"'targets.head_node.host' is not a valid host name: '{headHost}'");
        var headRoot = head.AbsolutePath("root", "/");
        var headManage = head.Bool("manage_services", headRoot == "/");
        head.ReportUnknownKeys();
        // Shared storage (/cm/shared) and jobstatsctl's own bookkeeping are the head node's.
        var sharedRoot = s.AbsolutePath("shared_root", headRoot);

        var ssh = s.Section("ssh");
        var sshSettings = ReadSsh(ssh);
        var sshRoot = ssh.AbsolutePath("root", "/");
        var sshManage = ssh.Bool("manage_services", true);
        ssh.ReportUnknownKeys();

        var used = roles.Values.SelectMany(e => e).Where(e => e.IsCategory).Select(e => e.Category).ToHashSet(StringComparer.Ordinal);
        var categories = new Dictionary<string, CategoryTarget>(StringComparer.Ordinal);
        var section = s.Section("categories");
        foreach (var (name, keyNode, value) in section.Entries())
        {
            var c = YamlSection.Of(value, section.Qualify(name), s.Problems);
            if (!BcmObjectNames.IsValid(name)) section.Error(keyNode, $"'targets.categories': bad category name '{name}'");
            else if (!used.Contains(name))
                section.Error(keyNode, $"'targets.categories.{name}': no role names category:{name} (used: {(used.Count == 0 ? "none" : string.Join(", ", used.Order(StringComparer.Ordinal)))})");
            var kind = c.Choice("kind", TargetKind.Image, ("image", TargetKind.Image), ("ssh", TargetKind.Ssh));
            var image = c.OptionalString("image");
            if (image is not null && !BcmObjectNames.IsValid(image)) c.Error(c.Node("image"), $"'{c.Qualify("image")}' is not a software image name: '{image}'");
            string? root = c.Node("root") is { } r && !YamlScalars.IsNull(r) ? c.AbsolutePath("root", "/") : null;
            if (root == "/") c.Error(c.Node("root"), $"'{c.Qualify("root")}' must be the software image directory (e.g. /cm/images/{name}-image), not /");
            if (root is not null && image is not null) c.Error(c.Node("root"), $"'{c.Qualify("root")}' and '{c.Qualify("image")}': give one (root is the image's directory, image its name for cmsh to look up)");
            bool? update = c.Node("imageupdate") is { } u && !YamlScalars.IsNull(u) ? c.Bool("imageupdate", false) : null;
            if (kind == TargetKind.Ssh && (image ?? root) is not null)
                c.Error(c.Node("kind"), $"'{c.Qualify("kind")}: ssh' deploys onto the category's nodes: 'image' and 'root' do not apply");
            if (kind == TargetKind.Ssh && update == true)
                c.Error(c.Node("imageupdate"), $"'{c.Qualify("imageupdate")}' needs kind image");
            c.ReportUnknownKeys();
            categories[name] = new CategoryTarget(kind, image, root, update);
        }
        s.ReportUnknownKeys();

        var headSettings = new TargetSettings(TargetKind.Local, headRoot, headManage, stateDir, sharedRoot, sshSettings);
        var sshTarget = new TargetSettings(TargetKind.Ssh, sshRoot, sshManage, stateDir, sharedRoot, sshSettings);
        return new TargetMap(headSettings, headHost, sshTarget, categories);
    }

    private static PrometheusSettings ReadPrometheus(YamlSection s)
    {
        var mode = s.Choice("mode", PrometheusMode.Existing, ("new", PrometheusMode.New), ("existing", PrometheusMode.Existing));
        var url = s.HttpUrl("url", "http://127.0.0.1:9090");
        var interval = s.Duration("scrape_interval", "30s");
        var retention = s.Duration("retention", "30d");
        var targets = s.AbsolutePath("targets_dir", "/cm/shared/apps/jobstats/prometheus-targets");
        var timeout = s.Int("timeout_seconds", 10, 1, 600);
        var refresh = s.Duration("refresh_interval", "5m");
        s.ReportUnknownKeys();
        return new PrometheusSettings(mode, url, interval, retention, targets, timeout, refresh);
    }

    private static PortSettings ReadPorts(YamlSection s)
    {
        var ports = new PortSettings(s.Port("exporter", 9306), s.Port("node_exporter", 9100), s.Port("prometheus", 9090), s.Port("grafana", 3000),
            s.Port("summaries", 9307), s.Port("victoria_metrics", 8428));
        s.ReportUnknownKeys();
        return ports;
    }

    private static BinarySettings ReadBinaries(YamlSection s)
    {
        var dir = s.AbsolutePath("jobstats_dir", "/usr/local/bin");
        var upstream = s.String("upstream", "os-packages");
        if (upstream != "os-packages" && !AbsolutePaths.IsNormalized(upstream))
            s.Error(s.Node("upstream"), $"'binaries.upstream' must be os-packages or a normalized absolute directory (no '.' or '..' segments, no '//'), not '{upstream}'");
        var jobstatsctl = s.AbsolutePath("jobstatsctl", "/usr/local/bin/jobstatsctl");
        s.ReportUnknownKeys();
        return new BinarySettings(dir, upstream, jobstatsctl);
    }

    private static SummaryStoreSettings ReadSummaries(YamlSection s)
    {
        var store = s.Choice("store", SummaryStoreSettings.Default.Store, [.. SummaryStoreSettings.Stores.Select(name => (name, name))]);
        var optionFile = s.AbsolutePath("database_option_file", SummaryStoreSettings.Default.DatabaseOptionFile);
        s.ReportUnknownKeys();
        return new SummaryStoreSettings(store, optionFile);
    }

    private static ExporterSecurity ReadExporter(YamlSection s)
    {
        ExporterTls? tls = null;
        if (s.Node("tls") is { } tlsNode && !YamlScalars.IsNull(tlsNode))
        {
            var t = s.Section("tls");
            var cert = RequiredPath(t, "cert_file");
            var key = RequiredPath(t, "key_file");
            var ca = RequiredPath(t, "ca_file");
            var serverName = t.OptionalString("server_name");
            if (serverName is not null && !HostNames.IsValid(serverName))
                t.Error(t.Node("server_name"), $"'exporter.tls.server_name' is not a valid host name: '{serverName}'");
            t.ReportUnknownKeys();
            tls = new ExporterTls(cert, key, ca, serverName);
        }
        ExporterBasicAuth? basicAuth = null;
        if (s.Node("basic_auth") is { } authNode && !YamlScalars.IsNull(authNode))
        {
            var b = s.Section("basic_auth");
            var user = b.String("username", "");
            if (user.Length == 0) b.Error(null, "'exporter.basic_auth.username' is required");
            else if (!HostNames.IsValid(user)) b.Error(b.Node("username"), $"'exporter.basic_auth.username' must be letters, digits, '-', '_' or '.', not '{user}'");
            if (b.Node("password") is { } inline)
                b.Error(inline, "'exporter.basic_auth.password': passwords are never written in the inventory; put it in a file (mode 0600) and give 'password_file'");
            var passwordFile = RequiredPath(b, "password_file");
            b.ReportUnknownKeys();
            basicAuth = new ExporterBasicAuth(user, passwordFile);
            if (tls is null)
                s.Error(s.Node("basic_auth"), "'exporter.basic_auth' needs 'exporter.tls': without it the password crosses the network in clear text");
        }
        s.ReportUnknownKeys();
        return new ExporterSecurity(tls, basicAuth);
    }

    private static LongTermStoreSettings ReadLongTermStore(YamlSection s)
    {
        var kind = s.Choice("kind", LongTermStoreKind.None, ("none", LongTermStoreKind.None),
            ("remote_write", LongTermStoreKind.RemoteWrite), ("victoriametrics", LongTermStoreKind.VictoriaMetrics));
        var url = s.OptionalString("remote_write_url") is null ? null : s.HttpUrl("remote_write_url", "");
        var write = ReadCredentials(s);
        var tenant = s.OptionalString("tenant");
        if (tenant is not null && (tenant.Length == 0 || tenant.Length > 150 || !tenant.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
            s.Error(s.Node("tenant"), $"'long_term_store.tenant' must be 1 to 150 letters, digits, '-', '_' or '.', not '{tenant}'");
        var retention = s.Duration("retention", LongTermStoreSettings.None.Retention);
        if (Durations.TryParse(retention, out var kept) && kept < TimeSpan.FromDays(1))
            s.Error(s.Node("retention"), $"'long_term_store.retention' must be at least 1d (VictoriaMetrics keeps whole days), not '{retention}'");
        var q = s.Section("query");
        var queryUrl = q.OptionalString("url") is null ? null : q.HttpUrl("url", "");
        var query = ReadCredentials(q);
        q.ReportUnknownKeys();
        s.ReportUnknownKeys();

        switch (kind)
        {
            case LongTermStoreKind.RemoteWrite:
                if (url is null) s.Error(s.KeyNode("kind"), "'long_term_store.remote_write_url' is required for kind remote_write (e.g. https://vm.site:8428/api/v1/write)");
                break;
            case LongTermStoreKind.VictoriaMetrics:
                if (url is not null) s.Error(s.Node("remote_write_url"), "'long_term_store.remote_write_url': kind victoriametrics writes to the VictoriaMetrics jobstatsctl deploys; use kind remote_write for another store");
                if (write != StoreCredentials.None) s.Error(s.KeyNode("kind"), "'long_term_store': credentials are for kind remote_write; the deployed VictoriaMetrics listens for our Prometheus");
                break;
            default:
                if (s.Node("kind") is null && (url is not null || queryUrl is not null)) s.Error(s.KeyNode("remote_write_url") ?? s.KeyNode("query"), "'long_term_store.kind' is required (remote_write or victoriametrics)");
                break;
        }
        return new LongTermStoreSettings(kind, url is { Length: > 0 } ? url : null, write, tenant, queryUrl is { Length: > 0 } ? queryUrl.TrimEnd('/') : null, query, retention);
    }

    /// <summary>bearer_token_file, or basic_auth (username, password_file), and ca_file of one store; never a secret inline.</summary>
    private static StoreCredentials ReadCredentials(YamlSection s)
    {
        s.Refuse("bearer_token", "secrets are never written in the inventory; put it in a file (mode 0600) and give 'bearer_token_file'");
        var token = s.OptionalString("bearer_token_file") is null ? null : s.AbsolutePath("bearer_token_file", "");
        var ca = s.OptionalString("ca_file") is null ? null : s.AbsolutePath("ca_file", "");
        string? user = null, passwordFile = null;
        if (s.Node("basic_auth") is { } node && !YamlScalars.IsNull(node))
        {
            var b = s.Section("basic_auth");
            b.Refuse("password", "passwords are never written in the inventory; put it in a file (mode 0600) and give 'password_file'");
            user = b.String("username", "");
            if (user.Length == 0 || user.Contains(':', StringComparison.Ordinal) || user.Any(char.IsControl))
                b.Error(b.Node("username") ?? node, $"'{b.Qualify("username")}' is required: a name without ':'");
            passwordFile = RequiredPath(b, "password_file");
            b.ReportUnknownKeys();
            if (token is not null) s.Error(node, $"'{s.Path}': give bearer_token_file or basic_auth, not both");
        }
        return new StoreCredentials(token, user, passwordFile, ca);
    }

    private static string RequiredPath(YamlSection s, string key)
    {
        if (s.Node(key) is null || YamlScalars.IsNull(s.Node(key)))
        {
            s.Error(null, $"'{s.Qualify(key)}' is required");
            return "";
        }
        return s.AbsolutePath(key, "");
    }

    private static GrafanaSettings ReadGrafana(YamlSection s)
    {
        var settings = new GrafanaSettings(
            s.AbsolutePath("dashboards_dir", "/var/lib/grafana/dashboards/jobstats"),
            s.AbsolutePath("provisioning_dir", "/etc/grafana/provisioning/dashboards"),
            s.OptionalString("url") is null ? null : s.HttpUrl("url", "").TrimEnd('/'));
        s.ReportUnknownKeys();
        return settings;
    }
}
