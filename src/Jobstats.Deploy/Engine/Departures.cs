using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Planning;
using Jobstats.Deploy.State;

namespace Jobstats.Deploy.Engine;

/// <summary>
/// Keeps the list of hosts deployed to over ssh, so that one dropped from the inventory is planned for removal (its
/// manifest is on the host itself) and uninstall still reaches it. The list grows before any host is changed and
/// shrinks only once a departed host has nothing left of ours.
/// </summary>
public static class Departures
{
    /// <summary>The deployment with the hosts that left the inventory added (ssh targets only: a local or image
    /// target's manifest stays in the same place whatever its hosts are called).</summary>
    public static async Task<Deployment> AddAsync(Deployment deployment, ITargetFactory targets, CancellationToken ct)
    {
        if (deployment.Inventory.Target.Kind != TargetKind.Ssh) return deployment;
        var registry = await StoreOf(deployment, targets).LoadAsync(deployment.Inventory.Cluster, ct).ConfigureAwait(false);
        var named = deployment.Hosts.Select(h => h.Name).ToHashSet(StringComparer.Ordinal);
        var departed = registry.Hosts.Where(h => !named.Contains(h)).ToList();
        return departed.Count == 0 ? deployment : deployment.WithDeparted(departed);
    }

    /// <summary>Before apply changes anything: every live host it is about to write to is remembered.</summary>
    public static Task RecordAsync(Deployment deployment, ITargetFactory targets, CancellationToken ct) =>
        deployment.Inventory.Target.Kind != TargetKind.Ssh ? Task.CompletedTask
            : StoreOf(deployment, targets).UpdateAsync(deployment.Inventory.Cluster, LiveHosts(deployment).Where(h => !h.Departed).Select(h => h.Name), [], ct);

    /// <summary>Hosts that now hold nothing of ours (departed and emptied, or uninstalled) are forgotten.</summary>
    public static Task ForgetAsync(Deployment deployment, ITargetFactory targets, IEnumerable<string> emptied, CancellationToken ct) =>
        deployment.Inventory.Target.Kind != TargetKind.Ssh ? Task.CompletedTask
            : StoreOf(deployment, targets).UpdateAsync(deployment.Inventory.Cluster, [], emptied, ct);

    private static IEnumerable<HostDeployment> LiveHosts(Deployment deployment) => deployment.Hosts.Where(h => h.Placement == Placement.Host);

    private static HostRegistryStore StoreOf(Deployment deployment, ITargetFactory targets) =>
        new(targets.OpenControl(), deployment.Inventory.Target.StateDir);
}
