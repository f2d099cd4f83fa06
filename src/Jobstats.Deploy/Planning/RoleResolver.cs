using Jobstats.Deploy.Bcm;
using Jobstats.Deploy.Inventories;
using Jobstats.Slurm.Hostlists;

namespace Jobstats.Deploy.Planning;

/// <summary>
/// Turns role entries into host names: hostlists expanded here, <c>category:NAME</c> through cmsh; with a
/// <c>targets:</c> section, each category deployed into its image also gets that image (given, or through cmsh).
/// </summary>
public static class RoleResolver
{
    /// <param name="offline">A <c>category:NAME</c> entry stands for one host named NAME instead of the category's
    /// nodes, and an image not given in the inventory stands for /cm/images/NAME.</param>
    public static async Task<ResolvedRoles> ResolveAsync(Inventory inventory, CmshClient? cmsh, CancellationToken ct, bool offline = false)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var members = new List<RoleMembers>();
        var categoryCache = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (role, entries) in inventory.Roles)
        {
            var hosts = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                IReadOnlyList<string> expanded;
                if (entry.IsCategory && offline) expanded = [entry.Category];
                else if (entry.IsCategory)
                {
                    if (cmsh is null) throw new InvalidOperationException($"role {role}: {entry.Text} needs cmsh (bcm.enabled: true)");
                    if (!categoryCache.TryGetValue(entry.Category, out var nodes))
                    {
                        nodes = await cmsh.CategoryNodesAsync(entry.Category, ct).ConfigureAwait(false);
                        if (nodes.Count == 0) throw new CmshException($"category {entry.Category} has no nodes");
                        categoryCache[entry.Category] = nodes;
                    }
                    expanded = nodes;
                }
                else expanded = HostlistExpression.Expand(entry.Text);
                members.Add(new RoleMembers(role, entry.IsCategory ? entry.Category : null, expanded));
                foreach (var host in expanded)
                    if (seen.Add(host)) hosts.Add(host);
            }
            result[role] = hosts;
        }
        return new ResolvedRoles(result, members, await ImagesAsync(inventory, cmsh, offline, ct).ConfigureAwait(false));
    }

    /// <summary>The software image of every category a whole-cluster inventory deploys into its image.</summary>
    private static async Task<Dictionary<string, SoftwareImage>> ImagesAsync(Inventory inventory, CmshClient? cmsh, bool offline, CancellationToken ct)
    {
        var images = new Dictionary<string, SoftwareImage>(StringComparer.Ordinal);
        if (inventory.Targets is not { } map) return images;
        foreach (var category in inventory.Roles.Values.SelectMany(e => e).Where(e => e.IsCategory).Select(e => e.Category).Distinct(StringComparer.Ordinal))
        {
            var target = map.Category(category);
            if (target.Kind != TargetKind.Image) continue;
            if (target.Root is { } root)
            {
                images[category] = new SoftwareImage(target.Image ?? Path.GetFileName(root), root);
                continue;
            }
            if (offline || cmsh is null)
            {
                var name = target.Image ?? category;
                images[category] = new SoftwareImage(name, $"/cm/images/{name}");
                continue;
            }
            var image = target.Image ?? await cmsh.CategoryImageAsync(category, ct).ConfigureAwait(false);
            images[category] = new SoftwareImage(image, await cmsh.ImagePathAsync(image, ct).ConfigureAwait(false));
        }
        return images;
    }
}
