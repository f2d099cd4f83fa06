using Jobstats.Core.Config;
using Jobstats.Deploy.Components;
using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Resources;
using Jobstats.Deploy.Tests.Support;
using Jobstats.Testing;

namespace Jobstats.Deploy.Tests.Components;

/// <summary>
/// The inventory's long_term_store: section: Prometheus' remote_write to the site's store with credentials from files
/// (promtool accepts it), jobstats.yaml pointing the cluster at the store's query URL, or a VictoriaMetrics deployed
/// with the inventory's retention.
/// </summary>
public sealed class LongTermStoreTests
{
    private static Inventory WithStore(TempDirectory root, string store, string mode = "new")
    {
        Directory.CreateDirectory(root["/admin"]);
        File.WriteAllText(root["/admin/store-ca.pem"], "-----BEGIN CERTIFICATE-----\nnot checked by jobstatsctl\n-----END CERTIFICATE-----\n");
        File.WriteAllText(root["/admin/store-write.token"], "write-token\n");
        File.SetUnixFileMode(root["/admin/store-write.token"], UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var yaml = new InventoryYaml(root, TestInventories.FakeBinaries(root)).WithPrometheus(mode).With(store.Replace("ADMIN", root["/admin"]));
        var inventory = InventoryLoader.Parse(yaml.ToString(), "test.yaml");
        Directory.CreateDirectory(root.Path + "/root/etc/slurm");
        File.WriteAllText(root.Path + "/root/etc/slurm/slurm.conf", "ClusterName=labcluster\nEpilogSlurmctld=\n");
        File.WriteAllText(root.Path + "/root/etc/passwd", "root:x:0:0:root:/root:/bin/bash\nslurm:x:450:450::/var/lib/slurm:/bin/false\n");
        File.WriteAllText(root.Path + "/root/etc/group", "root:x:0:\nslurm:x:450:\n");
        return inventory;
    }

    private const string RemoteWrite = """
        long_term_store:
          kind: remote_write
          remote_write_url: https://mimir.site/api/v1/push
          bearer_token_file: ADMIN/store-write.token
          ca_file: ADMIN/store-ca.pem
          tenant: labcluster
          query:
            url: https://mimir.site/prometheus/
            basic_auth: {username: jobstats, password_file: /etc/jobstats/store.password}
            ca_file: /etc/jobstats/store-ca.pem
        """;

    [Fact]
    public async Task Remote_write_to_the_sites_store_carries_the_token_file_ca_and_tenant_passes_promtool_and_converges()
    {
        using var root = new TempDirectory();
        var h = new Harness(WithStore(root, RemoteWrite));
        await h.ApplySucceededAsync();
        var r = root.Path + "/root";

        var prometheus = File.ReadAllText(r + Layout.PrometheusConfig);
        Assert.EndsWith("""
                      cluster: labcluster

            # Every sample also goes to the long-term store, labelled with this cluster (external_labels above).
            remote_write:
              - url: 'https://mimir.site/api/v1/push'
                authorization:
                  credentials_file: /etc/prometheus/long-term-store-credential
                tls_config:
                  ca_file: /etc/prometheus/long-term-store-ca.pem
                headers:
                  X-Scope-OrgID: labcluster
            """ + "\n", prometheus);
        Assert.Contains("  external_labels:\n    cluster: labcluster\n", prometheus);
        Assert.DoesNotContain("write-token", prometheus);
        Assert.Equal("write-token\n", File.ReadAllText(r + Layout.PrometheusStoreSecret));
        Assert.Equal((UnixFileMode)FileModes.GroupReadable, File.GetUnixFileMode(r + Layout.PrometheusStoreSecret));

        var check = prometheus.Replace("/cm/shared/", r + "/cm/shared/").Replace("/etc/prometheus/long-term-store", r + "/etc/prometheus/long-term-store")
            .Replace(Layout.PrometheusAlertRules, r + Layout.PrometheusAlertRules);
        File.WriteAllText(root["/promtool-check.yml"], check);
        var result = await Tools.RunAsync("promtool", "check", "config", root["/promtool-check.yml"]);
        Assert.True(result.Succeeded, result.StandardOutput + result.StandardError);
        Assert.DoesNotContain("WARNING", result.StandardOutput + result.StandardError);

        // jobstats asks the store for this cluster, with the query credentials named (not copied) in jobstats.yaml.
        var config = ConfigLoader.Parse(File.ReadAllText(r + Layout.ConfigFile), "jobstats.yaml");
        Assert.Equal(new PrometheusAccess("https://mimir.site/prometheus", null, new BasicAuthSettings("jobstats", "/etc/jobstats/store.password"),
            "/etc/jobstats/store-ca.pem"), config.PrometheusFor("labcluster"));
        Assert.Equal("http://127.0.0.1:9090", config.PrometheusFor("other").Url);

        var second = await h.PlanAsync();
        Assert.False(second.HasChanges, Harness.Pending(second));
    }

    [Fact]
    public async Task Existing_mode_puts_remote_write_in_the_snippet_and_promtool_accepts_it_inside_a_config()
    {
        using var root = new TempDirectory();
        // The site's Prometheus package owns the prometheus group: the plan is looked at, not applied here.
        var deployment = await new Harness(WithStore(root, RemoteWrite, mode: "existing")).DeploymentAsync();
        var files = deployment.Hosts.SelectMany(host => host.Resources).OfType<FileResource>().GroupBy(f => f.Path).ToDictionary(g => g.Key, g => g.First());
        Assert.Equal(("root", "prometheus", FileModes.GroupReadable), (files[Layout.PrometheusStoreSecret].Owner, files[Layout.PrometheusStoreSecret].Group, files[Layout.PrometheusStoreSecret].Mode));
        Assert.True(files.ContainsKey(Layout.PrometheusStoreCa));
        var snippet = System.Text.Encoding.UTF8.GetString(files[Layout.PrometheusSnippet].Content.Bytes);
        Assert.Contains("external_labels: {cluster: labcluster}", snippet);
        Assert.Contains("remote_write:\n  - url: 'https://mimir.site/api/v1/push'\n", snippet);
        File.WriteAllText(root["/admin/credential"], "write-token\n");
        var site = "global:\n  scrape_interval: 30s\n  external_labels: {cluster: labcluster}\nscrape_configs:\n" +
            snippet.Replace(Layout.PrometheusStoreSecret, root["/admin/credential"]).Replace(Layout.PrometheusStoreCa, root["/admin/store-ca.pem"]);
        File.WriteAllText(root["/site.yml"], site);
        var result = await Tools.RunAsync("promtool", "check", "config", root["/site.yml"]);
        Assert.True(result.Succeeded, result.StandardOutput + result.StandardError);
    }

    [Fact]
    public async Task A_deployed_VictoriaMetrics_keeps_the_retention_in_days_receives_remote_write_and_serves_jobstats()
    {
        using var root = new TempDirectory();
        var h = new Harness(WithStore(root, """
            long_term_store:
              kind: victoriametrics
              retention: 2y
            """));
        await h.ApplySucceededAsync();
        var r = root.Path + "/root";

        Assert.Contains("ExecStart=/usr/bin/victoria-metrics -storageDataPath=/var/lib/victoria-metrics -retentionPeriod=730d -httpListenAddr=:8428\n",
            File.ReadAllText(r + "/etc/systemd/system/victoria-metrics.service"));
        Assert.True(Directory.Exists(r + Layout.VictoriaMetricsData));
        Assert.Contains("remote_write:\n  - url: 'http://127.0.0.1:8428/api/v1/write'", File.ReadAllText(r + Layout.PrometheusConfig));
        var config = ConfigLoader.Parse(File.ReadAllText(r + Layout.ConfigFile), "jobstats.yaml");
        Assert.Equal(new PrometheusAccess("http://127.0.0.1:8428"), config.PrometheusFor("labcluster"));

        var second = await h.PlanAsync();
        Assert.False(second.HasChanges, Harness.Pending(second));
    }

    [Fact]
    public void Inline_secrets_a_missing_url_and_a_retention_under_a_day_are_refused()
    {
        using var root = new TempDirectory();
        var e = Assert.Throws<InventoryException>(() => WithStore(root, """
            long_term_store:
              kind: remote_write
              bearer_token: abc
              retention: 12h
              query:
                basic_auth: {username: jobstats, password: hunter2}
            """));
        string all = string.Join("\n", e.Errors);
        Assert.Contains("'long_term_store.bearer_token': secrets are never written in the inventory", all);
        Assert.Contains("'long_term_store.remote_write_url' is required for kind remote_write", all);
        Assert.Contains("'long_term_store.retention' must be at least 1d", all);
        Assert.Contains("'long_term_store.query.basic_auth.password': passwords are never written in the inventory", all);
        Assert.Contains("'long_term_store.query.basic_auth.password_file' is required", all);
        Assert.DoesNotContain("hunter2", all);
    }
}
