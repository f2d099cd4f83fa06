using Jobstats.Deploy.Bcm.ExcludeLists;
using Jobstats.Deploy.ImagingAudit;
using Jobstats.Deploy.Inventories;

namespace Jobstats.Deploy.Workflows;

/// <summary>
/// The imaging audit's plan from a real inventory: loaded exactly as plan/apply load it, the category checked before
/// cmsh is asked anything, the category's image and exclude lists found through cmsh when online.
/// </summary>
public sealed class DeploymentAuditPlanSource : IAuditPlanSource
{
    public async Task<AuditPlan> LoadAsync(string inventoryPath, string? category, bool offline, CancellationToken cancellationToken)
    {
        var inventory = InventoryLoader.LoadFile(Path.GetFullPath(inventoryPath));
        var chosen = DeploymentAuditPlan.ChooseCategory(inventory, category);
        var loaded = await DeploymentLoader.LoadAsync(inventory, cancellationToken, offline).ConfigureAwait(false);
        return await PlanAsync(loaded, chosen, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The plan of a category of an already loaded deployment (after apply, for the grab path).</summary>
    public static async Task<AuditPlan> PlanAsync(LoadedDeployment loaded, string category, CancellationToken ct)
    {
        var (imageName, imageRoot) = await ImageOfAsync(loaded, category, ct).ConfigureAwait(false);
        var lists = loaded.Cmsh is { } cmsh
            ? new CmshExcludeListSource(command => cmsh.RunAsync(command, ct).GetAwaiter().GetResult())
            : null;
        return DeploymentAuditPlan.Create(loaded.Deployment, category, imageName, imageRoot, lists);
    }

    private static async Task<(string Name, string Root)> ImageOfAsync(LoadedDeployment loaded, string category, CancellationToken ct)
    {
        var target = loaded.Inventory.Target;
        // A whole-cluster inventory already knows each category's image (given, or asked of cmsh while loading).
        if (loaded.Deployment.Roles.Images.TryGetValue(category, out var image))
        {
            return (image.Name, image.Root);
        }
        if (target.Kind == TargetKind.Image)
        {
            return (DeploymentAuditPlan.ImageNameOf(target), target.Root);
        }
        if (loaded.Cmsh is { } cmsh)
        {
            var name = await cmsh.CategoryImageAsync(category, ct).ConfigureAwait(false);
            return (name, await cmsh.ImagePathAsync(name, ct).ConfigureAwait(false));
        }
        return ("(none)", target.Root);
    }
}
