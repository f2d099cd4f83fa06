using System.Globalization;
using Jobstats.Deploy.Resources;

namespace Jobstats.Deploy.Components;

/// <summary>The <c>jobstats</c> program and its config, on login nodes and the slurmctld host.</summary>
internal static class JobstatsCliComponent
{
    public static IEnumerable<Resource> Build(ComponentContext c, string role)
    {
        const string name = ComponentNames.JobstatsCli;
        foreach (var r in Binaries.Ours(c, "jobstats", name, role)) yield return r;
        // jobstats ls, array, waste and timeline: jobstats runs this program, which it finds beside itself.
        foreach (var r in Binaries.Ours(c, "jobstats-fleet", name, role)) yield return r;
        // The queued summary path (the epilog, the service), and reports' reads from an external summary store.
        foreach (var r in Binaries.Ours(c, "jobstats-summaries", name, role)) yield return r;
        yield return new DirectoryResource(Layout.ConfigDir) { Component = name, Role = role, Why = "jobstats configuration" };
        var p = c.Inventory.Prometheus;
        yield return new FileResource(Layout.ConfigFile, c.Rendered("jobstats/jobstats.yaml", new Dictionary<string, string>
        {
            ["cluster"] = c.Inventory.Cluster,
            ["prometheus_url"] = p.Url,
            ["timeout_seconds"] = p.TimeoutSeconds.ToString(CultureInfo.InvariantCulture),
            ["sampling_period_seconds"] = c.ScrapeSeconds.ToString(CultureInfo.InvariantCulture),
            ["retention_days"] = c.RetentionDays.ToString(CultureInfo.InvariantCulture),
            ["cluster_store"] = LongTermStoreComponent.ClusterEntry(c.Inventory),
            ["summaries_port"] = c.Inventory.Ports.Summaries.ToString(CultureInfo.InvariantCulture),
            ["summary_store"] = c.Inventory.Summaries.Store,
            ["database_option_file"] = c.Inventory.Summaries.DatabaseOptionFile,
            ["grafana_url"] = c.Inventory.Grafana.Url is { } grafana ? "'" + grafana.Replace("'", "''", StringComparison.Ordinal) + "'" : "~",
        })) { Component = name, Role = role, Why = "where jobstats finds Prometheus, the sampling period it assumes, where summaries queue" };
    }
}
