using Jobstats.Deploy.Bcm.ExcludeLists;

namespace Jobstats.Deploy.ImagingAudit;

/// <summary>
/// What the deployment plan says about one category: its image, its roles, the paths we own on its nodes, and
/// (online) where its exclude lists come from. Produced from the inventory by an <see cref="IAuditPlanSource"/>.
/// </summary>
public sealed record AuditPlan(
    string Category,
    string ImageName,
    string ImageRoot,
    IReadOnlyList<string> Roles,
    IReadOnlyList<AuditedPath> Paths,
    IExcludeListSource? ExcludeLists = null);

/// <summary>Turns an inventory (and an optional category) into the audit's view of the plan.</summary>
public interface IAuditPlanSource
{
    /// <param name="offline">The image and the exclude lists are given: nothing, cmsh included, is asked.</param>
    /// <exception cref="UsageException">The inventory names no such category, or several when none was given.</exception>
    Task<AuditPlan> LoadAsync(string inventoryPath, string? category, bool offline, CancellationToken cancellationToken);
}

/// <summary>
/// A plan source that needs no deployment model: the default layout for fixed roles. For tests and for auditing
/// before the deployment plan is wired in.
/// </summary>
internal sealed class DefaultLayoutPlanSource(string category, string imageName, IReadOnlyList<string> roles, IExcludeListSource? excludeLists = null)
    : IAuditPlanSource
{
    public Task<AuditPlan> LoadAsync(string inventoryPath, string? requestedCategory, bool offline, CancellationToken cancellationToken)
    {
        if (!File.Exists(inventoryPath))
        {
            throw new FileNotFoundException($"inventory {inventoryPath} does not exist", inventoryPath);
        }
        if (requestedCategory is not null && requestedCategory != category)
        {
            throw new UsageException($"the inventory has no category '{requestedCategory}' (known: {category})");
        }
        return Task.FromResult(new AuditPlan(category, imageName, $"/cm/images/{imageName}", roles, DefaultLayoutPaths.For(roles), excludeLists));
    }
}
