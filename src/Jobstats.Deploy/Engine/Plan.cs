using Jobstats.Deploy.Planning;
using Jobstats.Deploy.Resources;
using Jobstats.Deploy.Targets;

namespace Jobstats.Deploy.Engine;

public sealed record PlannedChange(Resource Resource, Drift Drift, PathInfo? Current);

public sealed record HostPlan(HostDeployment Host, IReadOnlyList<PlannedChange> Changes, string? Error)
{
    public bool HasChanges => Changes.Any(c => c.Drift.Action != DriftAction.Ok);
    public int Count(DriftAction action) => Changes.Count(c => c.Drift.Action == action);
}

public sealed record Plan(Deployment Deployment, IReadOnlyList<HostPlan> Hosts)
{
    public bool HasChanges => Hosts.Any(h => h.HasChanges);
    public bool HasErrors => Hosts.Any(h => h.Error is not null);
}
