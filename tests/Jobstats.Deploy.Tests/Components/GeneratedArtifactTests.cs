using Jobstats.Deploy.Components;
using Jobstats.Deploy.Rendering;
using Jobstats.Deploy.Tests.Support;
using Jobstats.Testing;

namespace Jobstats.Deploy.Tests.Components;

/// <summary>What apply writes must pass the real tools that will read it: promtool, shellcheck, systemd-analyze.</summary>
public class GeneratedArtifactTests
{
    [Fact]
    public async Task Prometheus_config_and_targets_pass_promtool()
    {
        using var root = new TempDirectory();
        await new Harness(TestInventories.Local(root)).ApplyAsync();
        // Point the file_sd globs and the rule file at the files inside the test root so promtool reads and checks them too.
        var config = File.ReadAllText(root["/root/etc/prometheus/prometheus.yml"]).Replace("/cm/shared/", root.Path + "/root/cm/shared/")
            .Replace(Layout.PrometheusAlertRules, root["/root" + Layout.PrometheusAlertRules]);
        File.WriteAllText(root["/promtool-check.yml"], config);
        var result = await Tools.RunAsync("promtool", "check", "config", root["/promtool-check.yml"]);
        Assert.True(result.Succeeded, result.StandardOutput + result.StandardError);
        Assert.Contains("SUCCESS", result.StandardOutput);
        Assert.DoesNotContain("WARNING", result.StandardOutput + result.StandardError);
        Assert.Contains("cluster: labcluster", config);
    }

    [Fact]
    public async Task Existing_mode_writes_a_snippet_that_promtool_accepts_inside_a_config()
    {
        using var root = new TempDirectory();
        await new Harness(TestInventories.Local(root, prometheusMode: "existing")).ApplyAsync();
        Assert.False(File.Exists(root["/root/etc/prometheus/prometheus.yml"]));
        var snippet = File.ReadAllText(root["/root" + Layout.PrometheusSnippet]).Replace("/cm/shared/", root.Path + "/root/cm/shared/");
        File.WriteAllText(root["/site.yml"], "global:\n  scrape_interval: 30s\nscrape_configs:\n" + snippet);
        var result = await Tools.RunAsync("promtool", "check", "config", root["/site.yml"]);
        Assert.True(result.Succeeded, result.StandardOutput + result.StandardError);
    }

    [Fact]
    public async Task Every_shipped_script_and_the_rendered_epilog_pass_shellcheck()
    {
        using var root = new TempDirectory();
        await new Harness(TestInventories.Local(root)).ApplyAsync();
        var scripts = new List<string> { root["/root" + Layout.SlurmctldEpilog] };
        foreach (var name in EmbeddedAssets.Names.Where(n => n.EndsWith(".sh", StringComparison.Ordinal)))
        {
            var text = EmbeddedAssets.Instance.TryRead(name)!;
            if (text.Contains("{{")) continue; // a template: checked above in its rendered form
            var file = root["/assets/" + name.Replace('/', '_')];
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, text);
            scripts.Add(file);
        }
        Assert.Contains("exit 0", File.ReadAllText(scripts[0]));
        var result = await Tools.RunAsync(["shellcheck", "--severity=style", .. scripts]);
        Assert.True(result.Succeeded, result.StandardOutput + result.StandardError);
    }

    [Fact]
    public async Task Every_unit_passes_systemd_analyze_verify()
    {
        using var root = new TempDirectory();
        await new Harness(TestInventories.Local(root)).ApplyAsync();
        var units = Directory.GetFiles(root["/root/etc/systemd/system"], "*.service").Concat(Directory.GetFiles(root["/root/etc/systemd/system"], "*.timer")).ToList();
        Assert.Equal(["jobstats-exporter.service", "jobstats-idle-gpus.service", "jobstats-idle-gpus.timer", "jobstats-summaries.service", "node_exporter.service", "prometheus.service"],
            units.Select(Path.GetFileName).Order());
        foreach (var unit in units)
        {
            // verify insists the ExecStart program exists on this machine: our programs are only in the test root.
            var text = File.ReadAllText(unit);
            foreach (var program in new[] { "/usr/local/bin/jobstats-exporter", "/usr/local/bin/jobstats-summaries" })
                if (!File.Exists(program)) text = text.Replace(program + " ", root["/root" + program] + " ");
            var copy = root["/verify/" + Path.GetFileName(unit)];
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.WriteAllText(copy, text);
            var result = await Tools.RunAsync("systemd-analyze", "verify", copy);
            Assert.True(result.Succeeded && result.StandardError.Trim().Length == 0, $"{Path.GetFileName(unit)}: {result.StandardOutput}{result.StandardError}");
        }
    }

    [Fact]
    public async Task Grafana_dashboard_is_valid_json_using_the_exporter_metric_names_and_the_cluster_variable()
    {
        using var root = new TempDirectory();
        await new Harness(TestInventories.Local(root)).ApplyAsync();
        var json = File.ReadAllText(root["/root/var/lib/grafana/dashboards/jobstats/jobstats-single-job.json"]);
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        var exprs = doc.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray()).Select(t => t.GetProperty("expr").GetString()!).ToList();
        foreach (var metric in new[] { "cgroup_cpu_total_seconds", "cgroup_memory_rss_bytes", "nvidia_gpu_duty_cycle", "nvidia_gpu_memory_used_bytes" })
            Assert.Contains(exprs, e => e.Contains(metric));
        Assert.All(exprs, e => Assert.Contains("cluster=\"$cluster\"", e));
        Assert.Contains("path: /var/lib/grafana/dashboards/jobstats", File.ReadAllText(root["/root/etc/grafana/provisioning/dashboards/jobstats.yaml"]));
    }

    [Fact]
    public async Task Fleet_dashboard_is_installed_beside_the_single_job_one_and_its_idle_table_uses_the_alert_s_condition()
    {
        using var root = new TempDirectory();
        await new Harness(TestInventories.Local(root)).ApplyAsync();
        const string dir = "/root/var/lib/grafana/dashboards/jobstats";
        Assert.True(File.Exists(root[$"{dir}/jobstats-single-job.json"]));
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(root[$"{dir}/jobstats-fleet.json"]));
        Assert.Equal("jobstats-fleet", doc.RootElement.GetProperty("uid").GetString());
        // The provider loads the whole directory, so both dashboards are provisioned by the one file.
        Assert.Contains($"path: {dir["/root".Length..]}", File.ReadAllText(root["/root/etc/grafana/provisioning/dashboards/jobstats.yaml"]));

        var variables = doc.RootElement.GetProperty("templating").GetProperty("list").EnumerateArray().Select(v => v.GetProperty("name").GetString()).ToList();
        Assert.Equal(["datasource", "cluster", "user", "account"], variables);
        var panels = doc.RootElement.GetProperty("panels").EnumerateArray().ToList();
        var exprs = panels.SelectMany(p => p.GetProperty("targets").EnumerateArray()).Select(t => t.GetProperty("expr").GetString()!).ToList();
        Assert.All(exprs, e => Assert.Contains("cluster=~\"$cluster\"", e));
        Assert.All(panels, p => Assert.Equal("${datasource}", p.GetProperty("datasource").GetProperty("uid").GetString()));
        Assert.Equal(panels.Count, panels.Select(p => p.GetProperty("id").GetInt32()).Distinct().Count());

        // The table shows what the JobstatsIdleGpus alert fires on (for the selected clusters), not a look-alike.
        string rules = File.ReadAllText(root["/root" + Layout.PrometheusAlertRules]);
        string alertExpr = rules.Split('\n').Single(l => l.TrimStart().StartsWith("expr:", StringComparison.Ordinal)).Split("expr:", 2)[1].Trim();
        string forSelectedClusters = alertExpr.Replace("{jobid!=\"\"}", "{cluster=~\"$cluster\",jobid!=\"\"}", StringComparison.Ordinal);
        Assert.NotEqual(alertExpr, forSelectedClusters);
        var idle = panels.Single(p => p.GetProperty("title").GetString() == "Jobs with idle GPUs now");
        Assert.Contains(forSelectedClusters, idle.GetProperty("targets")[0].GetProperty("expr").GetString());
    }
    [Fact]
    public async Task The_inventory_s_grafana_url_reaches_jobstats_yaml_where_jobstats_reads_it_and_without_it_there_is_no_link()
    {
        using var root = new TempDirectory();
        await new Harness(TestInventories.Local(root, sections: "grafana:\n  url: https://grafana.example.org/it's/\n")).ApplyAsync();
        var written = Jobstats.Core.Config.ConfigLoader.Parse(File.ReadAllText(root["/root" + Layout.ConfigFile]), "jobstats.yaml");
        Assert.Equal("https://grafana.example.org/it's", written.GrafanaUrl);

        using var plain = new TempDirectory();
        await new Harness(TestInventories.Local(plain)).ApplyAsync();
        Assert.Null(Jobstats.Core.Config.ConfigLoader.Parse(File.ReadAllText(plain["/root" + Layout.ConfigFile]), "jobstats.yaml").GrafanaUrl);
    }
}
