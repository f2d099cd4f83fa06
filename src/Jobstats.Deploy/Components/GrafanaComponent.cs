using Jobstats.Deploy.Resources;

namespace Jobstats.Deploy.Components;

/// <summary>Our dashboards (one job; the fleet by cluster, user and account) and the provisioning file that makes Grafana load them.</summary>
internal static class GrafanaComponent
{
    public static IEnumerable<Resource> Build(ComponentContext c, string role)
    {
        const string name = ComponentNames.Grafana;
        var g = c.Inventory.Grafana;
        var dashboard = c.Asset("grafana/jobstats-single-job.json") ?? throw new InvalidOperationException("grafana dashboard asset missing");
        var fleet = c.Asset("grafana/jobstats-fleet.json") ?? throw new InvalidOperationException("grafana fleet dashboard asset missing");
        yield return new DirectoryResource(g.DashboardsDir) { Component = name, Role = role, Why = "dashboards Grafana loads from disk" };
        yield return new FileResource($"{g.DashboardsDir}/jobstats-single-job.json", dashboard) { Component = name, Role = role, Why = "per-job CPU, memory and GPU panels, filtered by cluster and job id" };
        yield return new FileResource($"{g.DashboardsDir}/jobstats-fleet.json", fleet)
        { Component = name, Role = role, Why = "efficiency by cluster, user and account, and the jobs with idle GPUs now" };
        yield return new DirectoryResource(g.ProvisioningDir) { Component = name, Role = role, Why = "Grafana dashboard provisioning" };
        yield return new FileResource($"{g.ProvisioningDir}/jobstats.yaml", c.Rendered("grafana/provisioning.yaml", new Dictionary<string, string> { ["dashboards_dir"] = g.DashboardsDir }))
        { Component = name, Role = role, Why = "tells Grafana where the jobstats dashboards are" };
    }
}
