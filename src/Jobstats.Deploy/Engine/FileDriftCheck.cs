using Jobstats.Deploy.Bcm;
using Jobstats.Deploy.Planning;
using Jobstats.Deploy.Resources;
using Jobstats.Deploy.Targets;

namespace Jobstats.Deploy.Engine;

/// <summary>
/// verify's check that our files are still what apply wrote: content (sha256), mode and owner of every file, link,
/// directory and managed block, and no stale temp files. It is the plan's own drift detection, so verify and plan
/// can never disagree about what "tampered" means.
/// </summary>
internal static class FileDriftCheck
{
    public const string Name = "files";
    private const int Listed = 10;

    private static readonly HashSet<ResourceKind> FileKinds =
        [ResourceKind.File, ResourceKind.Directory, ResourceKind.Symlink, ResourceKind.ManagedBlock, ResourceKind.StaleTempFile];

    public static async Task<CheckResult> RunAsync(ITargetFactory targets, CmshClient? cmsh, Deployment deployment, HostDeployment host, IHostTarget target, CancellationToken ct)
    {
        var plan = await new Planner(targets, cmsh).PlanHostAsync(deployment, host, target, _ => { }, ct).ConfigureAwait(false);
        if (plan.Error is not null) return CheckResult.Fail(Name, host.Name, plan.Error);
        var checkedCount = plan.Changes.Count(c => FileKinds.Contains(c.Resource.Kind) && c.Resource is not StaleTempFileResource);
        var drifted = plan.Changes
            .Where(c => FileKinds.Contains(c.Resource.Kind) && c.Drift.Action != DriftAction.Ok)
            .Select(c => $"{c.Resource.Path}: {(c.Drift.Action == DriftAction.Create ? "missing" : c.Drift.Reason)}")
            .ToList();
        if (drifted.Count == 0)
            return CheckResult.Pass(Name, host.Name, $"{checkedCount} files, links and directories as applied (content, mode and owner)");
        var more = drifted.Count > Listed ? $"; and {drifted.Count - Listed} more (see jobstatsctl plan)" : "";
        return CheckResult.Fail(Name, host.Name, string.Join("; ", drifted.Take(Listed)) + more);
    }
}
