using Jobstats.Deploy.Inventories;

namespace Jobstats.Deploy.Tests.Inventories;

public class InventoryLoaderTests
{
    private const string ContractExample = """
        cluster: labcluster
        bcm:
          enabled: false
          head_node: localhost
        slurm:
          conf: /etc/slurm/slurm.conf
          settings_via: slurm-conf
        roles:
          controller: [lab1]
          login: [lab1]
          compute: [lab1]
          prometheus: [lab1]
        target:
          kind: local
          root: /
        prometheus:
          mode: existing
          url: http://127.0.0.1:9090
          scrape_interval: 30s
          retention: 30d
          targets_dir: /cm/shared/apps/jobstats/prometheus-targets
        ports: { exporter: 9306, node_exporter: 9100, prometheus: 9090, grafana: 3000 }
        binaries:
          jobstats_dir: /path/to/artifacts/bin
          upstream: os-packages
        """;

    [Fact]
    public void The_contract_example_loads_with_every_value()
    {
        var inv = InventoryLoader.Parse(ContractExample);
        Assert.Equal("labcluster", inv.Cluster);
        Assert.False(inv.Bcm.Enabled);
        Assert.Equal(SlurmSettingsVia.SlurmConf, inv.Slurm.SettingsVia);
        Assert.Equal("lab1", Assert.Single(inv.Roles["compute"]).Text);
        Assert.Equal(TargetKind.Local, inv.Target.Kind);
        Assert.True(inv.Target.ManageServices);
        Assert.Equal(PrometheusMode.Existing, inv.Prometheus.Mode);
        Assert.Equal("30s", inv.Prometheus.ScrapeInterval);
        Assert.Equal(9306, inv.Ports.Exporter);
        Assert.Equal("/path/to/artifacts/bin", inv.Binaries.JobstatsDir);
        Assert.True(inv.Binaries.UpstreamFromOsPackages);
    }

    private static IReadOnlyList<string> Errors(string yaml) => Assert.Throws<InventoryException>(() => InventoryLoader.Parse(yaml, "inv.yaml")).Errors;

    [Fact]
    public void Unknown_keys_are_reported_with_their_line()
    {
        var errors = Errors(ContractExample.Replace("  retention: 30d", "  retention: 30d\n  retension: 40d"));
        Assert.Contains(errors, e => e.StartsWith("inv.yaml:21: unknown key 'prometheus.retension' (known: mode, url,", StringComparison.Ordinal));
    }

    [Fact]
    public void Bad_hostlists_and_shell_metacharacters_in_host_names_are_refused_with_lines()
    {
        var errors = Errors(ContractExample.Replace("compute: [lab1]", "compute: ['dgx-[001-0x]', 'node;reboot']"));
        Assert.Contains(errors, e => e.StartsWith("inv.yaml:11:", StringComparison.Ordinal) && e.Contains("dgx-[001-0x]") && e.Contains("not a digit"));
        Assert.Contains(errors, e => e.Contains("node;reboot") && e.Contains("not allowed"));
    }

    [Theory]
    [InlineData("exporter: 9306", "exporter: 70000", "'ports.exporter' must be a whole number from 1 to 65535, not '70000'")]
    [InlineData("exporter: 9306", "exporter: -1", "'ports.exporter' must be a whole number")]
    [InlineData("scrape_interval: 30s", "scrape_interval: 30 seconds", "'prometheus.scrape_interval' must be a duration")]
    [InlineData("retention: 30d", "retention: 0d", "'prometheus.retention' must be a duration")]
    [InlineData("kind: local", "kind: chroot", "'target.kind' must be one of local, image, ssh")]
    [InlineData("mode: existing", "mode: old", "'prometheus.mode' must be one of new, existing")]
    [InlineData("url: http://127.0.0.1:9090", "url: ftp://x", "'prometheus.url' must be an http(s) URL")]
    [InlineData("conf: /etc/slurm/slurm.conf", "conf: slurm.conf", "'slurm.conf' must be an absolute path")]
    [InlineData("cluster: labcluster", "cluster: 'lab cluster'", "'cluster' must be letters")]
    [InlineData("compute: [lab1]", "compute: [category:dgx]", "needs bcm.enabled: true")]
    [InlineData("compute: [lab1]", "computer: [lab1]", "unknown role 'computer'")]
    [InlineData("settings_via: slurm-conf", "settings_via: cmsh", "needs 'bcm.enabled: true'")]
    [InlineData("enabled: false", "enabled: maybe", "'bcm.enabled' must be true or false")]
    [InlineData("upstream: os-packages", "upstream: downloads", "'binaries.upstream' must be os-packages or a normalized absolute directory")]
    public void Bad_values_are_explained(string from, string to, string expected)
    {
        Assert.Contains(Errors(ContractExample.Replace(from, to)), e => e.Contains(expected));
    }

    // A path that climbs out with "..", or hides a segment behind "." or "//", names another place than it reads
    // as: /x/../../etc is /etc, and /cm//shared escapes the /cm/shared checks. Refused with the line, like any value.
    [Theory]
    [InlineData("root: /", "root: /x/../../etc", "'target.root' must be a normalized absolute path (no '.' or '..' segments, no '//'), not '/x/../../etc'", 15)]
    [InlineData("root: /", "root: /srv/..", "'target.root' must be a normalized absolute path", 15)]
    [InlineData("root: /", "root: /srv/./image", "'target.root' must be a normalized absolute path", 15)]
    [InlineData("conf: /etc/slurm/slurm.conf", "conf: /etc//slurm/slurm.conf", "'slurm.conf' must be a normalized absolute path", 6)]
    [InlineData("targets_dir: /cm/shared/apps/jobstats/prometheus-targets", "targets_dir: /cm/shared/../../etc/cron.d", "'prometheus.targets_dir' must be a normalized absolute path", 21)]
    [InlineData("jobstats_dir: /path/to/artifacts/bin", "jobstats_dir: /path/to/..", "'binaries.jobstats_dir' must be a normalized absolute path", 24)]
    [InlineData("upstream: os-packages", "upstream: /opt/../etc", "'binaries.upstream' must be os-packages or a normalized absolute directory", 25)]
    [InlineData("root: /", "root: \"/srv/\\timage\"", "'target.root' must be a normalized absolute path", 15)]
    public void Paths_with_dot_segments_or_empty_segments_are_refused_with_their_line(string from, string to, string expected, int line)
    {
        var errors = Errors(ContractExample.Replace(from, to));
        Assert.Contains(errors, e => e.StartsWith($"inv.yaml:{line}: ", StringComparison.Ordinal) && e.Contains(expected));
    }

    [Theory]
    [InlineData("root: /", "root: /cm/images/dgx-image/")]
    [InlineData("root: /", "root: /srv/my..image")]
    [InlineData("conf: /etc/slurm/slurm.conf", "conf: /etc/slurm/.slurm.conf")]
    public void A_trailing_slash_and_dots_inside_names_are_still_fine(string from, string to)
    {
        InventoryLoader.Parse(ContractExample.Replace(from, to), "inv.yaml");
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var errors = Errors(ContractExample.Replace("exporter: 9306", "exporter: 0").Replace("scrape_interval: 30s", "scrape_interval: soon"));
        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void Image_target_needs_an_image_directory_and_cannot_start_services()
    {
        var errors = Errors(ContractExample.Replace("kind: local\n  root: /", "kind: image\n  root: /\n  manage_services: true"));
        Assert.Contains(errors, e => e.Contains("software image directory"));
        Assert.Contains(errors, e => e.Contains("nothing runs in an image"));
    }

    [Theory]
    [InlineData("cluster: [unclosed", "not valid YAML")]
    [InlineData("- just\n- a list", "must be one YAML mapping")]
    [InlineData("", "must be one YAML mapping")]
    [InlineData("cluster: x\nroles: {compute: [a]}\n---\ncluster: y", "inv.yaml:3: a second YAML document")]
    [InlineData("cluster: \"unterminated", "not valid YAML")]
    public void Malformed_or_truncated_yaml_is_refused(string yaml, string expected)
    {
        Assert.Contains(Errors(yaml), e => e.Contains(expected));
    }

    [Fact]
    public void Missing_cluster_and_roles_are_required()
    {
        var errors = Errors("target: { kind: local }");
        Assert.Contains(errors, e => e.Contains("'cluster' is required"));
        Assert.Contains(errors, e => e.Contains("'roles' must name at least one host"));
    }

    [Fact]
    public void Categories_are_accepted_with_bcm_enabled()
    {
        var inv = InventoryLoader.Parse(ContractExample.Replace("enabled: false", "enabled: true").Replace("compute: [lab1]", "compute: ['category:dgx', 'dgx-[100-101]']"));
        Assert.True(inv.Roles["compute"][0].IsCategory);
        Assert.Equal("dgx", inv.Roles["compute"][0].Category);
    }

    [Fact]
    public void A_file_that_does_not_exist_is_a_clear_error()
    {
        var e = Assert.Throws<InventoryException>(() => InventoryLoader.LoadFile("/nonexistent/inventory.yaml"));
        Assert.Contains("not found", e.Message);
    }

    [Theory]
    [InlineData("enabled: TRUE", true)]
    [InlineData("enabled: Yes", true)]
    [InlineData("enabled: off", false)]
    [InlineData("enabled: ~", false)]
    public void Booleans_are_read_in_any_case_and_null_is_the_default(string line, bool enabled) =>
        Assert.Equal(enabled, InventoryLoader.Parse(ContractExample.Replace("enabled: false", line)).Bcm.Enabled);

    [Theory]
    [InlineData("enabled: false", "enabled: 'false'", "inv.yaml:3: 'bcm.enabled' must be true or false without quotes")]
    [InlineData("exporter: 9306", "exporter: \"9306\"", "inv.yaml:22: 'ports.exporter' must be a whole number from 1 to 65535 without quotes")]
    public void Quoted_values_are_text_and_refused_where_a_boolean_or_number_is_expected(string from, string to, string expected) =>
        Assert.Contains(Errors(ContractExample.Replace(from, to)), e => e.StartsWith(expected, StringComparison.Ordinal));

    [Fact]
    public void Every_duplicate_key_is_reported_with_both_lines()
    {
        var errors = Errors(ContractExample.Replace("  head_node: localhost", "  head_node: localhost\n  enabled: true") + "\ncluster: other\n");
        Assert.Equal(["inv.yaml:5: duplicate key 'enabled' (first on line 3)", "inv.yaml:27: duplicate key 'cluster' (first on line 1)"], errors);
    }
}
