using Jobstats.Deploy.Inventories;

namespace Jobstats.Deploy.Planning;

/// <summary>The whole desired state: every place we write to and its resources. The imaging audit consumes this.</summary>
public sealed class Deployment(Inventory inventory, ResolvedRoles roles, IReadOnlyList<HostDeployment> hosts, IReadOnlyList<string> warnings)
{
    public Inventory Inventory { get; } = inventory;
    public ResolvedRoles Roles { get; } = roles;
    public IReadOnlyList<HostDeployment> Hosts { get; } = hosts;
    public IReadOnlyList<string> Warnings { get; } = warnings;
}
