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
        RoleNames.Controller => [JobstatsCliComponent.Build, SummaryServiceComponent.Build, SlurmctldEpilogComponent.Build, IdleGpuGuardComponent.Build, SlurmMailComponent.Build],
        RoleNames.Prometheus => [PrometheusTargetsComponent.Build, PrometheusComponent.Build, RefreshTargetsComponent.Build, LongTermStoreComponent.Build],
        RoleNames.Grafana => [GrafanaComponent.Build],
        _ => [],
    };

    public static Deployment Build(Inventory inventory, ResolvedRoles roles, IAssetSource? assets = null)
    {
        var context = new ComponentContext(inventory, roles, assets ?? EmbeddedAssets.Instance);
        var target = inventory.Target;
        List<HostDeployment> hosts = [];
        var byRole = new Dictionary<string, List<Resource>>(StringComparer.Ordinal);
        foreach (var role in roles.UsedRoles)
            byRole[role] = ComponentsOf(role).SelectMany(build => build(context, role)).ToList();

        if (inventory.Targets is { } map) hosts = PlaceByMember(inventory, map, roles, byRole);
        else switch (target.Kind)
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
                        if (r is ServiceResource || IsLiveHostOnly(r)) continue;
                        if (IsHeadNodeResource(r)) head.Add(r); else image.Add(r);
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

    /// <summary>
    /// A whole-cluster inventory: every role entry's members go to their own target. A category's roles go into its
    /// software image (one place however many nodes boot from it, shared by categories with the same image) or over
    /// ssh onto its nodes; the head node's host onto this machine; every other host over ssh. Shared storage and
    /// BCM settings are written once, on the head node.
    /// </summary>
    private static List<HostDeployment> PlaceByMember(Inventory inventory, TargetMap map, ResolvedRoles roles, Dictionary<string, List<Resource>> byRole)
    {
        var head = new HostDeployment(HeadNodeName, Placement.HeadNode, roles.UsedRoles) { Target = map.HeadNode };
        // The head node is always visited: a role it no longer has is planned as removal from its manifest.
        var local = new HostDeployment(map.HeadNodeHost, Placement.Host, new List<string>()) { Target = map.HeadNode };
        var images = new Dictionary<string, HostDeployment>(StringComparer.Ordinal);
        var live = new Dictionary<string, HostDeployment>(StringComparer.Ordinal);
        foreach (var member in roles.Members)
        {
            if (!byRole.TryGetValue(member.Role, out var resources)) continue;
            if (member.Category is { } category && map.Category(category).Kind == TargetKind.Image)
            {
                var image = roles.Images.TryGetValue(category, out var known) ? known
                    : throw new InvalidOperationException($"category {category}: its software image was not resolved");
                if (!images.TryGetValue(image.Root, out var place))
                {
                    // An image's manifest is kept under its directory's name: two images may not share one.
                    var name = Path.GetFileName(image.Root.TrimEnd('/'));
                    if (images.Values.FirstOrDefault(h => h.Name == name) is { } other)
                        throw new InvalidOperationException($"images {other.Target!.Root} and {image.Root} (category {category}) have the same directory name; jobstatsctl keeps each image's state under its name");
                    images[image.Root] = place = new HostDeployment(name, Placement.Image, new List<string>())
                    {
                        Target = map.HeadNode with { Kind = TargetKind.Image, Root = image.Root, ManageServices = false },
                        Categories = new List<string>(),
                    };
                }
                AddRole(place, member.Role);
                if (!place.Categories.Contains(category)) ((List<string>)place.Categories).Add(category);
                foreach (var r in resources)
                {
                    if (r is ServiceResource || IsLiveHostOnly(r)) continue;
                    if (IsHeadNodeResource(r)) head.Add(r); else place.Add(r);
                }
                continue;
            }
            foreach (var name in member.Hosts)
            {
                HostDeployment place;
                if (member.Category is null && name == map.HeadNodeHost) place = local;
                else if (!live.TryGetValue(name, out place!))
                    live[name] = place = new HostDeployment(name, Placement.Host, new List<string>()) { Target = map.Ssh };
                AddRole(place, member.Role);
                foreach (var r in resources)
                {
                    if (r is ServiceResource && !place.Target!.ManageServices) continue;
                    if (r is CmshSettingResource || (r.Path is { } p && Layout.IsShared(p))) head.Add(r); else place.Add(r);
                }
            }
        }
        return [head, local, .. images.Values, .. live.Values];
    }

    private static void AddRole(HostDeployment place, string role)
    {
        if (!place.Roles.Contains(role)) ((List<string>)place.Roles).Add(role);
    }

    private static bool IsHeadNodeResource(Resource r) =>
        r is CmshSettingResource or ManagedBlockResource || (r.Path is { } p && Layout.IsShared(p));

    /// <summary>What runs on the head node only (the refresh-targets timer, which asks cmsh): never in an image.</summary>
    private static bool IsLiveHostOnly(Resource r) => r.Component == ComponentNames.RefreshTargets;
}
