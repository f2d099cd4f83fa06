using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Planning;
using Jobstats.Deploy.State;

namespace Jobstats.Deploy.Engine;

/// <summary>
/// Keeps the list of hosts deployed to over ssh (and, for a whole-cluster inventory, of software images written), so
/// that one dropped from the inventory is planned for removal (a host's manifest is on the host itself; an image's
/// root is known only from the inventory) and uninstall still reaches it. The list grows before anything is changed
/// and shrinks only once a departed place has nothing left of ours.
/// </summary>
public static class Departures
{
    /// <summary>The deployment with the places that left the inventory added (ssh and whole-cluster inventories: a
    /// single local or image target's manifest stays in the same place whatever its hosts are called).</summary>
    public static async Task<Deployment> AddAsync(Deployment deployment, ITargetFactory targets, CancellationToken ct)
    {
        if (!Tracked(deployment.Inventory)) return deployment;
        var registry = await StoreOf(deployment, targets).LoadAsync(deployment.Inventory.Cluster, ct).ConfigureAwait(false);
        var named = deployment.Hosts.Where(h => h.Placement == Placement.Host).Select(h => h.Name).ToHashSet(StringComparer.Ordinal);
        var imaged = deployment.Hosts.Where(h => h.Placement == Placement.Image).Select(h => h.Target?.Root).ToHashSet(StringComparer.Ordinal);
        var ssh = deployment.Inventory.SshTarget;
        var image = deployment.Inventory.Target with { Kind = TargetKind.Image, ManageServices = false };
        List<HostDeployment> departed =
        [
            .. registry.Hosts.Where(h => !named.Contains(h)).Select(name => new HostDeployment(name, Placement.Host, []) { Departed = true, Target = ssh }),
            .. registry.Images.Where(i => !imaged.Contains(i.Root)).Select(i => new HostDeployment(i.Name, Placement.Image, []) { Departed = true, Target = image with { Root = i.Root } }),
        ];
        return departed.Count == 0 ? deployment : deployment.WithDeparted(departed);
    }

    /// <summary>Before apply changes anything: every live host and image it is about to write to is remembered.</summary>
    public static Task RecordAsync(Deployment deployment, ITargetFactory targets, CancellationToken ct) =>
        !Tracked(deployment.Inventory) ? Task.CompletedTask
            : StoreOf(deployment, targets).UpdateAsync(deployment.Inventory.Cluster, Remote(deployment).Where(h => !h.Departed).Select(h => h.Name),
                Images(deployment).Where(h => !h.Departed).Select(ImageOf), [], ct);

    /// <summary>Places that now hold nothing of ours (departed and emptied, or uninstalled) are forgotten.</summary>
    public static Task ForgetAsync(Deployment deployment, ITargetFactory targets, IEnumerable<HostDeployment> emptied, CancellationToken ct)
    {
        if (!Tracked(deployment.Inventory)) return Task.CompletedTask;
        var places = emptied.ToList();
        return StoreOf(deployment, targets).UpdateAsync(deployment.Inventory.Cluster, [], [], places, ct);
    }

    /// <summary>The image entry of the registry for an image place.</summary>
    internal static RegisteredImage ImageOf(HostDeployment image) => new() { Name = image.Name, Root = image.Target!.Root };

    private static bool Tracked(Inventory inventory) => inventory.Targets is not null || inventory.Target.Kind == TargetKind.Ssh;

    /// <summary>Hosts reached over ssh: the only live hosts whose manifest is not on this machine.</summary>
    private static IEnumerable<HostDeployment> Remote(Deployment deployment) =>
        deployment.Hosts.Where(h => h.Placement == Placement.Host && (h.Target ?? deployment.Inventory.Target).Kind == TargetKind.Ssh);

    /// <summary>Images of a whole-cluster inventory (a single image target is always the same place).</summary>
    private static IEnumerable<HostDeployment> Images(Deployment deployment) =>
        deployment.Hosts.Where(h => h.Placement == Placement.Image && h.Target is not null);

    private static HostRegistryStore StoreOf(Deployment deployment, ITargetFactory targets) =>
        new(targets.OpenControl(), deployment.Inventory.Target.StateDir);
}
