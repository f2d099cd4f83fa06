using Jobstats.Deploy;
using Jobstats.Deploy.Bcm.ExcludeLists;
using Jobstats.Deploy.ImagingAudit;
using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Resources;

namespace Jobstatsctl.Commands;

/// <summary>
/// The imaging audit's view of a real deployment plan: the inventory is loaded exactly as plan/apply load it, and the
/// paths of the roles that the audited category (or image) serves become the audit's input.
/// </summary>
internal sealed class DeploymentAuditPlanSource : IAuditPlanSource
{
    public async Task<AuditPlan> LoadAsync(string inventoryPath, string? category, bool offline, CancellationToken cancellationToken)
    {
        var loaded = await LoadedDeployment.LoadAsync(new FileInfo(inventoryPath), cancellationToken, offline);
        var inventory = loaded.Inventory;
        var categories = inventory.Roles
            .SelectMany(role => role.Value.Where(e => e.IsCategory).Select(e => (Role: role.Key, e.Category)))
            .ToList();
        var chosen = category ?? ChooseCategory(categories, inventory);

        // Roles served by the category; an inventory without categories (one image target, or offline) audits all.
        var roles = categories.Where(c => c.Category == chosen).Select(c => c.Role).Distinct().ToList();
        if (roles.Count == 0)
        {
            if (category is not null && categories.Count > 0)
            {
                throw new UsageException(
                    $"the inventory has no category '{category}' (known: {string.Join(", ", categories.Select(c => c.Category).Distinct())})");
            }
            roles = loaded.Deployment.Roles.UsedRoles.ToList();
        }

        var (imageName, imageRoot) = await ImageOfAsync(loaded, chosen, cancellationToken);
        var lists = loaded.Cmsh is { } cmsh
            ? new CmshExcludeListSource(command => cmsh.RunAsync(command, cancellationToken).GetAwaiter().GetResult())
            : null;
        return new AuditPlan(chosen, imageName, imageRoot, roles, PathsOf(loaded, roles), lists);
    }

    private static string ChooseCategory(List<(string Role, string Category)> categories, Inventory inventory)
    {
        var distinct = categories.Select(c => c.Category).Distinct().ToList();
        return distinct.Count switch
        {
            1 => distinct[0],
            0 => inventory.Target.Kind == TargetKind.Image ? Path.GetFileName(inventory.Target.Root.TrimEnd('/')) : inventory.Cluster,
            _ => throw new UsageException($"the inventory names several categories ({string.Join(", ", distinct)}): choose one with --category"),
        };
    }

    private static async Task<(string Name, string Root)> ImageOfAsync(LoadedDeployment loaded, string category, CancellationToken ct)
    {
        var target = loaded.Inventory.Target;
        if (target.Kind == TargetKind.Image)
        {
            return (Path.GetFileName(target.Root.TrimEnd('/')), target.Root);
        }
        if (loaded.Cmsh is { } cmsh)
        {
            var image = await cmsh.CategoryImageAsync(category, ct);
            return (image, await cmsh.ImagePathAsync(image, ct));
        }
        return ("(none)", target.Root);
    }

    private static List<AuditedPath> PathsOf(LoadedDeployment loaded, IReadOnlyList<string> roles)
    {
        var wanted = roles.ToHashSet(StringComparer.Ordinal);
        var paths = new Dictionary<string, AuditedPath>(StringComparer.Ordinal);
        foreach (var owned in loaded.Deployment.OwnedPaths.Where(p => wanted.Contains(p.Role)))
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
        foreach (var host in loaded.Deployment.Hosts)
        {
            foreach (var user in host.Resources.OfType<SystemUserResource>().Where(u => wanted.Contains(u.Role)))
            {
                paths.TryAdd("user:" + user.Name, new AuditedPath(user.Name, AuditedPathKind.User, user.Component, user.Role));
            }
        }
        return paths.Values.ToList();
    }
}
