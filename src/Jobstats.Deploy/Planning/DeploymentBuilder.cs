using Jobstats.Deploy.Components;
using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Rendering;
using Jobstats.Deploy.Resources;

namespace Jobstats.Deploy.Planning;

/// <summary>
/// Expands roles into components and components into resources, then places each resource: on a host, in the
/// image, or on the head node (shared storage and cmsh settings, written once rather than once per node).
/// </summary>
public static class DeploymentBuilder
{
    public const string HeadNodeName = "head-node";

    /// <summary>Components per role, in apply order.</summary>
    public static IReadOnlyList<Func<ComponentContext, string, IEnumerable<Resource>>> ComponentsOf(string role) => role switch
    {
        RoleNames.Compute => [ExporterComponent.Build, NodeExporterComponent.Build, SlurmNodeScriptsComponent.Build],
        RoleNames.Login => [JobstatsCliComponent.Build],
        RoleNames.Controller => [JobstatsCliComponent.Build, SummaryServiceComponent.Build, SlurmctldEpilogComponent.Build],
        RoleNames.Prometheus => [PrometheusTargetsComponent.Build, PrometheusComponent.Build, LongTermStoreComponent.Build],
        RoleNames.Grafana => [GrafanaComponent.Build],
        _ => [],
    };

    public static Deployment Build(Inventory inventory, ResolvedRoles roles, IAssetSource? assets = null)
    {
        var context = new ComponentContext(inventory, roles, assets ?? EmbeddedAssets.Instance);
        var target = inventory.Target;
        var hosts = new List<HostDeployment>();
        var byRole = new Dictionary<string, List<Resource>>(StringComparer.Ordinal);
        foreach (var role in roles.UsedRoles)
            byRole[role] = ComponentsOf(role).SelectMany(build => build(context, role)).ToList();

        switch (target.Kind)
        {
            case TargetKind.Local:
            {
                var names = roles.AllHosts;
                if (names.Count > 1)
                    context.Warnings.Add($"target kind local deploys every role onto this machine; roles name {names.Count} hosts ({string.Join(", ", names.Take(5))}{(names.Count > 5 ? ", ..." : "")})");
                var host = new HostDeployment(names.Count == 1 ? names[0] : "localhost", Placement.Host, roles.UsedRoles);
                foreach (var role in roles.UsedRoles)
                    foreach (var r in byRole[role])
                        if (r is not ServiceResource || target.ManageServices) host.Add(r);
                hosts.Add(host);
                break;
            }
            case TargetKind.Image:
            {
                var head = new HostDeployment(HeadNodeName, Placement.HeadNode, roles.UsedRoles);
                var image = new HostDeployment(Path.GetFileName(target.Root.TrimEnd('/')), Placement.Image, roles.UsedRoles);
                foreach (var role in roles.UsedRoles)
                    foreach (var r in byRole[role])
                    {
                        if (r is ServiceResource) continue;
                        if (IsHeadNodeResource(r, inventory)) head.Add(r); else image.Add(r);
                    }
                hosts.Add(head);
                hosts.Add(image);
                break;
            }
            default:
            {
                var head = new HostDeployment(HeadNodeName, Placement.HeadNode, roles.UsedRoles);
                foreach (var name in roles.AllHosts)
                {
                    var hostRoles = roles.RolesOf(name);
                    var host = new HostDeployment(name, Placement.Host, hostRoles);
                    foreach (var role in hostRoles)
                        foreach (var r in byRole[role])
                        {
                            if (r is ServiceResource && !target.ManageServices) continue;
                            if (r is CmshSettingResource || (r.Path is { } p && Layout.IsShared(p))) head.Add(r); else host.Add(r);
                        }
                    hosts.Add(host);
                }
                hosts.Insert(0, head);
                break;
            }
        }
        return new Deployment(inventory, roles, hosts.Where(h => h.Resources.Count > 0 || h.Placement != Placement.HeadNode).ToList(), context.Warnings.Distinct().ToList());
    }

    private static bool IsHeadNodeResource(Resource r, Inventory inventory) =>
        r is CmshSettingResource or ManagedBlockResource || (r.Path is { } p && Layout.IsShared(p));
}
