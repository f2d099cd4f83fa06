using Jobstats.Deploy.ImagingAudit;
using Jobstats.Deploy.ImagingAudit.Reporting;
using Jobstats.Deploy.Inventories;

namespace Jobstatsctl.Commands;

/// <summary>
/// After an apply onto a representative node of a BCM category (the grabimage path), audit that node against the
/// category's image and exclude lists before anyone grabs it: grabimage copies whatever the node holds into the
/// image every other node receives.
/// </summary>
internal static class NodeModeAudit
{
    /// <summary>True when the inventory deploys onto a live node of a BCM category rather than into an image.</summary>
    public static bool Applies(Inventory inventory) =>
        inventory is { Bcm.Enabled: true, Target.Kind: TargetKind.Local } &&
        inventory.Roles.Values.SelectMany(e => e).Any(e => e.IsCategory);

    /// <summary>Runs the audit, prints the report and says whether grabimage is safe. Returns the report.</summary>
    public static async Task<AuditReport> RunAsync(string inventoryPath, Inventory inventory, TextWriter output, CancellationToken ct)
    {
        var plan = await new DeploymentAuditPlanSource().LoadAsync(inventoryPath, category: null, offline: false, ct);
        var lists = plan.ExcludeLists ?? throw new InvalidOperationException("BCM is enabled but no cmsh client was made");
        var report = ImagingAuditor.Run(new AuditRequest(
            plan.Category, plan.ImageName, plan.Roles, plan.Paths, lists, plan.ImageRoot,
            NodeRoot: inventory.Target.Root, SharedStorageRoot: inventory.Target.SharedRoot), ct);
        output.WriteLine();
        output.Write(AuditReportMarkdown.Render(report));
        output.WriteLine(report.HasBlocking
            ? $"Do not grab this node yet: {report.Findings.Count(f => f.Verdict == Verdict.Blocking)} blocking finding(s) above would reach every node of category {plan.Category}."
            : $"The node audits clean for category {plan.Category}: the grab workflow above is safe to follow.");
        return report;
    }
}
