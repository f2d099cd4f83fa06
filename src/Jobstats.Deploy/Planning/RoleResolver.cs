using Jobstats.Deploy.Bcm;
using Jobstats.Deploy.Inventories;
using Jobstats.Slurm.Hostlists;

namespace Jobstats.Deploy.Planning;

/// <summary>Turns role entries into host names: hostlists expanded here, <c>category:NAME</c> through cmsh.</summary>
public static class RoleResolver
{
    /// <param name="offline">A <c>category:NAME</c> entry stands for one host named NAME instead of the category's nodes.</param>
    public static async Task<ResolvedRoles> ResolveAsync(Inventory inventory, CmshClient? cmsh, CancellationToken ct, bool offline = false)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
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
                foreach (var host in expanded)
                    if (seen.Add(host)) hosts.Add(host);
            }
            result[role] = hosts;
        }
        return new ResolvedRoles(result);
    }
}
