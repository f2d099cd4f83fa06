using Jobstats.Deploy.Engine;
using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Planning;

namespace Jobstats.Deploy.Workflows;

/// <summary>
/// After apply: <c>imageupdate</c> of the categories whose image was written and asked to be pushed to its nodes
/// (<c>bcm.imageupdate</c>, or <c>targets.categories.NAME.imageupdate</c>), each only when its image applied cleanly.
/// </summary>
public static class ImageUpdate
{
    /// <summary>The categories to update, in inventory order.</summary>
    public static IReadOnlyList<string> CategoriesToUpdate(LoadedDeployment loaded, IReadOnlyList<HostApplyResult> results)
    {
        var inventory = loaded.Inventory;
        if (!inventory.Bcm.Enabled) return [];
        if (inventory.Targets is not { } map)
        {
            if (inventory.Target.Kind != TargetKind.Image || !inventory.Bcm.ImageUpdate || !results.All(r => r.Succeeded)) return [];
            return inventory.Roles.Values.SelectMany(e => e).Where(e => e.IsCategory).Select(e => e.Category).Distinct(StringComparer.Ordinal).ToList();
        }
        var succeeded = results.Where(r => r.Succeeded).Select(r => r.Host).ToHashSet(StringComparer.Ordinal);
        // The head node goes first and carries the shared files the image's links point at: it must have applied too.
        if (results.Any(r => r.Host == DeploymentBuilder.HeadNodeName && !r.Succeeded)) return [];
        return loaded.Deployment.Hosts
            .Where(h => h is { Placement: Placement.Image, Departed: false } && succeeded.Contains(h.Name))
            .SelectMany(h => h.Categories)
            .Where(c => map.Category(c).ImageUpdate ?? inventory.Bcm.ImageUpdate)
            .Distinct(StringComparer.Ordinal).ToList();
    }

    public static async Task RunAsync(LoadedDeployment loaded, IReadOnlyList<HostApplyResult> results, TextWriter errors, CancellationToken ct)
    {
        foreach (var category in CategoriesToUpdate(loaded, results))
        {
            var cmsh = loaded.Cmsh ?? throw new InvalidOperationException("BCM is enabled but no cmsh client was made");
            await errors.WriteLineAsync($"imageupdate of category {category}").ConfigureAwait(false);
            await cmsh.ImageUpdateAsync(category, wait: true, ct).ConfigureAwait(false);
        }
    }
}
