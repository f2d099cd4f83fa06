using Jobstats.Deploy.Bcm.ExcludeLists;

namespace Jobstats.Deploy.ImagingAudit;

/// <summary>
/// What the deployment plan says about one category: its image, its roles, the paths we own on its nodes, and
/// (online) where its exclude lists come from. Built by <see cref="DeploymentAuditPlan"/>.
/// </summary>
/// <param name="Warnings">What building the deployment warned about, for the caller to show.</param>
public sealed record AuditPlan(
    string Category,
    string ImageName,
    string ImageRoot,
    IReadOnlyList<string> Roles,
    IReadOnlyList<AuditedPath> Paths,
    IExcludeListSource? ExcludeLists = null,
    IReadOnlyList<string>? Warnings = null);

/// <summary>Turns an inventory (and an optional category) into the audit's view of the plan.</summary>
public interface IAuditPlanSource
{
    /// <param name="offline">The image and the exclude lists are given: nothing, cmsh included, is asked.</param>
    /// <exception cref="UsageException">The inventory names no such category, or several when none was given.</exception>
    Task<AuditPlan> LoadAsync(string inventoryPath, string? category, bool offline, CancellationToken cancellationToken);
}
