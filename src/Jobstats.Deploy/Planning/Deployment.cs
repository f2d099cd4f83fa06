using Jobstats.Deploy.Inventories;

namespace Jobstats.Deploy.Planning;

/// <summary>The whole desired state: every place we write to and its resources. The imaging audit consumes this.</summary>
public sealed class Deployment(Inventory inventory, ResolvedRoles roles, IReadOnlyList<HostDeployment> hosts, IReadOnlyList<string> warnings)
{
    public Inventory Inventory { get; } = inventory;
    public ResolvedRoles Roles { get; } = roles;
    public IReadOnlyList<HostDeployment> Hosts { get; } = hosts;
    public IReadOnlyList<string> Warnings { get; } = warnings;

    /// <summary>This deployment plus, with nothing to deploy, the places that were deployed to and have left the inventory.</summary>
    public Deployment WithDeparted(IEnumerable<HostDeployment> departed) => new(Inventory, Roles, [.. Hosts, .. departed], Warnings);

    /// <summary>Every path resource of every place, in apply order (the imaging audit's input).</summary>
    public IEnumerable<OwnedPath> OwnedPaths =>
        Hosts.SelectMany(h => h.Resources.Where(r => r.Path is not null).Select(r =>
            new OwnedPath(h.Name, h.Placement, r.Path!, r.Kind, r.Owner, r.Group, r.Mode, r.Component, r.Role, r)));
}
