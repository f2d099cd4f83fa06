using Jobstats.Deploy.Bcm;
using Jobstats.Deploy.Engine;
using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Planning;
using Jobstats.Processes;

namespace Jobstatsctl.Commands;

/// <summary>Inventory file → validated inventory → resolved roles → deployment model, shared by every command.</summary>
internal sealed record LoadedDeployment(Inventory Inventory, CmshClient? Cmsh, Deployment Deployment, ITargetFactory Targets, IProcessRunner Processes)
{
    /// <param name="offline">Ask nothing of BCM: <c>category:</c> roles stand for their category (the offline image
    /// audit, which needs roles and paths but no node names).</param>
    public static async Task<LoadedDeployment> LoadAsync(FileInfo file, CancellationToken ct, bool offline = false)
    {
        var inventory = InventoryLoader.LoadFile(file.FullName);
        var processes = new ProcessRunner();
        var cmsh = inventory.Bcm.Enabled && !offline ? CmshClient.For(inventory, processes) : null;
        var roles = await RoleResolver.ResolveAsync(inventory, cmsh, ct, offline);
        var deployment = DeploymentBuilder.Build(inventory, roles);
        foreach (var warning in deployment.Warnings) Console.Error.WriteLine($"warning: {warning}");
        return new LoadedDeployment(inventory, cmsh, deployment, new TargetFactory(inventory, processes), processes);
    }
}
