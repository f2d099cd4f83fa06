using System.Globalization;
using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Resources;

namespace Jobstats.Deploy.Components;

/// <summary>
/// mode new: our Prometheus (user, data dir, config, unit). mode existing: only a scrape snippet for the admin to
/// include. Targets are produced in both modes.
/// </summary>
internal static class PrometheusComponent
{
    public static IEnumerable<Resource> Build(ComponentContext c, string role)
    {
        const string name = ComponentNames.Prometheus;
        var inv = c.Inventory;
        var scrapeConfigs = c.Rendered("prometheus/scrape-configs.yml", new Dictionary<string, string>
        {
            ["targets_dir"] = inv.Prometheus.TargetsDir,
            ["exporter_security"] = ExporterWebConfig.ScrapeSettings(inv.Exporter),
        });
        var scrapeText = System.Text.Encoding.UTF8.GetString(scrapeConfigs.Bytes).TrimEnd('\n');
        yield return new DirectoryResource(Layout.PrometheusConfigDir) { Component = name, Role = role, Why = "Prometheus configuration" };
        var rules = PrometheusAlerting.RuleFile(c, role);
        yield return rules;
        if (inv.Prometheus.Mode == PrometheusMode.Existing)
        {
            foreach (var r in ExporterCredentials(c, role)) yield return r;
            foreach (var r in LongTermStoreComponent.PrometheusCredentials(c, role)) yield return r;
            yield return new FileResource(Layout.PrometheusSnippet, c.Rendered("prometheus/jobstats-scrape-snippet.yml", new Dictionary<string, string>
            {
                ["cluster"] = inv.Cluster, ["scrape_interval"] = inv.Prometheus.ScrapeInterval, ["scrape_configs"] = scrapeText,
                ["remote_write"] = LongTermStoreComponent.RemoteWriteSection(inv, snippet: true),
            })) { Component = name, Role = role, Why = "scrape jobs to merge into the site's own prometheus.yml" };
            yield break;
        }

        foreach (var r in Binaries.Upstream(c, "prometheus", name, role)) yield return r;
        foreach (var r in Binaries.Upstream(c, "promtool", name, role)) yield return r;
        yield return new SystemUserResource("prometheus", Layout.PrometheusData, "Prometheus daemon") { Component = name, Role = role, Why = "Prometheus runs unprivileged" };
        yield return new DirectoryResource(Layout.PrometheusData, FileModes.Executable, "prometheus", "prometheus") { Component = name, Role = role, Why = "the TSDB; state, never to be captured into an image" };
        foreach (var r in ExporterCredentials(c, role)) yield return r;
        foreach (var r in LongTermStoreComponent.PrometheusCredentials(c, role)) yield return r;
        var config = new FileResource(Layout.PrometheusConfig, c.Rendered("prometheus/prometheus.yml", new Dictionary<string, string>
        {
            ["cluster"] = inv.Cluster,
            ["scrape_interval"] = inv.Prometheus.ScrapeInterval,
            ["scrape_configs"] = scrapeText,
            ["prometheus_port"] = inv.Ports.Prometheus.ToString(CultureInfo.InvariantCulture),
            ["rule_file"] = Layout.PrometheusAlertRules,
            ["alerting"] = PrometheusAlerting.AlertingSection(c),
            ["remote_write"] = LongTermStoreComponent.RemoteWriteSection(inv, snippet: false),
        })) { Component = name, Role = role, Why = "scrape jobs over the file_sd targets, with the cluster label, the alerting rules" };
        yield return config;
        string[] exec =
        [
            Binaries.UpstreamPath(c, "/usr/bin/prometheus", "prometheus"),
            $"--config.file={Layout.PrometheusConfig}",
            $"--storage.tsdb.path={Layout.PrometheusData}",
            $"--storage.tsdb.retention.time={inv.Prometheus.Retention}",
            $"--web.listen-address=:{inv.Ports.Prometheus.ToString(CultureInfo.InvariantCulture)}",
        ];
        foreach (var r in ServiceUnits.Build(c, "prometheus", "systemd/prometheus.service", exec, "prometheus",
                     new Dictionary<string, string> { ["cluster"] = inv.Cluster }, [config.Key, rules.Key], name, role,
                     $"Prometheus on :{inv.Ports.Prometheus}, retention {inv.Prometheus.Retention}"))
            yield return r;
    }

    /// <summary>
    /// The CA that signed the exporters' certificates and the basic-auth password, copied from the admin's files for
    /// Prometheus to read at every scrape (it re-reads both, so no restart is needed when they change). The password
    /// is readable by the prometheus group only; in existing mode that is the group of the site's Prometheus package.
    /// </summary>
    private static IEnumerable<Resource> ExporterCredentials(ComponentContext c, string role)
    {
        const string name = ComponentNames.Prometheus;
        var security = c.Inventory.Exporter;
        if (security.Tls is { } tls)
            yield return new FileResource(Layout.PrometheusExporterCa, c.Copy(tls.CaFile)) { Component = name, Role = role, Why = "the CA of the exporters' certificates" };
        if (security.BasicAuth is { } auth)
            yield return new FileResource(Layout.PrometheusExporterPassword, c.Copy(auth.PasswordFile), FileModes.GroupReadable, "root", "prometheus")
            { Component = name, Role = role, Why = $"the exporters' basic-auth password (user {auth.Username})" };
    }
}
