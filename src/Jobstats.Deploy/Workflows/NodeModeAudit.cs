using Jobstats.Deploy.ImagingAudit;
using Jobstats.Deploy.ImagingAudit.Reporting;
using Jobstats.Deploy.Inventories;

namespace Jobstats.Deploy.Workflows;

/// <summary>
/// After an apply onto a representative node of a BCM category (the grabimage path), audit that node against the
/// category's image and exclude lists before anyone grabs it: grabimage copies whatever the node holds into the
/// image every other node receives.
/// </summary>
public static class NodeModeAudit
{
    /// <summary>True when a single-target inventory deploys onto a live node of a BCM category rather than into an image
    /// (a whole-cluster inventory writes each category's image itself).</summary>
    public static bool Applies(Inventory inventory) =>
        inventory is { Targets: null, Bcm.Enabled: true, Target.Kind: TargetKind.Local } &&
        inventory.Roles.Values.SelectMany(e => e).Any(e => e.IsCategory);

    /// <summary>Audits the deployment just applied, writes the report and says whether grabimage is safe.</summary>
    /// <exception cref="UsageException">The inventory names several categories.</exception>
    public static async Task<AuditReport> RunAsync(LoadedDeployment loaded, TextWriter output, CancellationToken ct)
    {
        var inventory = loaded.Inventory;
        var category = DeploymentAuditPlan.ChooseCategory(inventory, requested: null);
        var plan = await DeploymentAuditPlanSource.PlanAsync(loaded, category, ct).ConfigureAwait(false);
        var lists = plan.ExcludeLists ?? throw new InvalidOperationException("BCM is enabled but no cmsh client was made");
        var report = ImagingAuditor.Run(new AuditRequest(
            plan.Category, plan.ImageName, plan.Roles, plan.Paths, lists, plan.ImageRoot,
            NodeRoot: inventory.Target.Root, SharedStorageRoot: inventory.Target.SharedRoot), ct);
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteAsync(AuditReportMarkdown.Render(report)).ConfigureAwait(false);
        await output.WriteLineAsync(report.HasBlocking
            ? $"Do not grab this node yet: {report.Findings.Count(f => f.Verdict == Verdict.Blocking)} blocking finding(s) above would reach every node of category {plan.Category}."
            : $"The node audits clean for category {plan.Category}: the grab workflow above is safe to follow.").ConfigureAwait(false);
        return report;
    }
}
