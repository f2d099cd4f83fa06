using Jobstats.Deploy.Bcm.ExcludeLists;
using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Planning;
using Jobstats.Deploy.Resources;

namespace Jobstats.Deploy.ImagingAudit;

/// <summary>
/// The audit's view of a deployment: which category is audited, the roles it serves, and the paths apply writes for
/// those roles, taken from the deployment model itself so the audit checks exactly what apply lays out. Pure: the
/// inventory is already loaded and the roles resolved; finding the category's image (through cmsh) is the caller's.
/// </summary>
public static class DeploymentAuditPlan
{
    /// <summary>The category to audit: the one asked for, or the inventory's only one.</summary>
    /// <exception cref="UsageException">The inventory names no such category, or several when none was asked for.</exception>
    public static string ChooseCategory(Inventory inventory, string? requested)
    {
        var categories = CategoriesOf(inventory).Select(c => c.Category).Distinct(StringComparer.Ordinal).ToList();
        if (requested is not null)
        {
            // An inventory without categories (one image target, or plain host names) has nothing to check it against.
            if (categories.Count > 0 && !categories.Contains(requested, StringComparer.Ordinal))
                throw new UsageException($"the inventory has no category '{requested}' (known: {string.Join(", ", categories)})");
            return requested;
        }
        return categories.Count switch
        {
            1 => categories[0],
            0 => inventory.Target.Kind == TargetKind.Image ? ImageNameOf(inventory.Target) : inventory.Cluster,
            _ => throw new UsageException($"the inventory names several categories ({string.Join(", ", categories)}): choose one with --category"),
        };
    }

    /// <summary>The plan of one category, once its image is known.</summary>
    public static AuditPlan Create(Deployment deployment, string category, string imageName, string imageRoot, IExcludeListSource? excludeLists = null)
    {
        var roles = RolesOf(deployment, category);
        return new AuditPlan(category, imageName, imageRoot, roles, PathsOf(deployment, roles), excludeLists, deployment.Warnings);
    }

    /// <summary>The image an image-target inventory writes into is named for its directory.</summary>
    public static string ImageNameOf(TargetSettings target) => Path.GetFileName(target.Root.TrimEnd('/'));

    /// <summary>Roles the category serves; an inventory without <c>category:</c> entries for it audits every used role.</summary>
    public static IReadOnlyList<string> RolesOf(Deployment deployment, string category)
    {
        var roles = CategoriesOf(deployment.Inventory).Where(c => c.Category == category).Select(c => c.Role).Distinct(StringComparer.Ordinal).ToList();
        return roles.Count > 0 ? roles : deployment.Roles.UsedRoles;
    }

    /// <summary>
    /// Every path and system user the deployment owns for these roles, once each (a path two roles share keeps the
    /// first). Services and cmsh settings have no place in an image and are left out.
    /// </summary>
    public static IReadOnlyList<AuditedPath> PathsOf(Deployment deployment, IReadOnlyCollection<string> roles)
    {
        var wanted = roles.ToHashSet(StringComparer.Ordinal);
        var paths = new Dictionary<string, AuditedPath>(StringComparer.Ordinal);
        foreach (var owned in deployment.OwnedPaths.Where(p => wanted.Contains(p.Role)))
        {
            var audited = owned.Resource switch
            {
                SymlinkResource link => new AuditedPath(owned.Path, AuditedPathKind.Symlink, owned.Component, owned.Role, link.LinkTarget),
                DirectoryResource => new AuditedPath(owned.Path, AuditedPathKind.Directory, owned.Component, owned.Role),
                FileResource when owned.Path.EndsWith(".service", StringComparison.Ordinal) =>
                    new AuditedPath(owned.Path, AuditedPathKind.Unit, owned.Component, owned.Role),
                FileResource => new AuditedPath(owned.Path, AuditedPathKind.File, owned.Component, owned.Role),
                _ => null,
            };
            if (audited is not null) paths.TryAdd(audited.Path, audited);
        }
        foreach (var user in deployment.Hosts.SelectMany(h => h.Resources.OfType<SystemUserResource>()).Where(u => wanted.Contains(u.Role)))
        {
            // Users live in their own namespace: a user named like a path must not hide it.
            paths.TryAdd("user:" + user.Name, new AuditedPath(user.Name, AuditedPathKind.User, user.Component, user.Role));
        }
        return paths.Values.ToList();
    }

    private static IEnumerable<(string Role, string Category)> CategoriesOf(Inventory inventory) =>
        inventory.Roles.SelectMany(role => role.Value.Where(e => e.IsCategory).Select(e => (Role: role.Key, e.Category)));
}
