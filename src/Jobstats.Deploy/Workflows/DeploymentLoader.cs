using Jobstats.Deploy.Bcm;
using Jobstats.Deploy.Engine;
using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Planning;
using Jobstats.Deploy.Rendering;
using Jobstats.Processes;

namespace Jobstats.Deploy.Workflows;

/// <summary>
/// Inventory file → validated inventory → resolved roles → deployment model, the same for every command. The
/// deployment's warnings are left for the caller to show.
/// </summary>
public static class DeploymentLoader
{
    /// <exception cref="InventoryException">The file is missing or invalid (every error, each with file:line).</exception>
    public static Task<LoadedDeployment> LoadAsync(string inventoryPath, CancellationToken ct, bool offline = false) =>
        LoadAsync(InventoryLoader.LoadFile(Path.GetFullPath(inventoryPath)), ct, offline);

    /// <param name="offline">Ask nothing of BCM: <c>category:</c> roles stand for their category (the offline image
    /// audit, which needs roles and paths but no node names).</param>
    /// <param name="assets">The shipped templates and scripts unless given.</param>
    public static async Task<LoadedDeployment> LoadAsync(Inventory inventory, CancellationToken ct, bool offline = false, IAssetSource? assets = null)
    {
        var processes = new ProcessRunner();
        var cmsh = inventory.Bcm.Enabled && !offline ? CmshClient.For(inventory, processes) : null;
        var roles = await RoleResolver.ResolveAsync(inventory, cmsh, ct, offline).ConfigureAwait(false);
        var targets = new TargetFactory(inventory, processes);
        var deployment = DeploymentBuilder.Build(inventory, roles, assets);
        // Offline nothing is reached: the hosts that left the inventory are for plan, apply and uninstall to visit.
        if (!offline) deployment = await Departures.AddAsync(deployment, targets, ct).ConfigureAwait(false);
        return new LoadedDeployment(inventory, cmsh, deployment, targets, processes);
    }
}
