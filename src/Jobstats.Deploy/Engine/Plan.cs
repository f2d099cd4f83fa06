using Jobstats.Deploy.Planning;
using Jobstats.Deploy.Resources;
using Jobstats.Deploy.Targets;

namespace Jobstats.Deploy.Engine;

public sealed record PlannedChange(Resource Resource, Drift Drift, PathInfo? Current)
{
    /// <summary>
    /// What the plan saw and wants for this resource, as a digest: apply compares it with what it sees itself and
    /// changes only resources whose fingerprint is the one the user was shown (or saved with <c>plan -o</c>).
    /// </summary>
    public string Fingerprint
    {
        get
        {
            var seen = Current is { } c ? $"{c.Kind} {c.Mode} {c.Owner}:{c.Group} {c.Sha256} {c.LinkTarget}" : "-";
            var text = $"{Resource.Key}\n{Drift.Action}\n{Drift.Reason}\n{seen}\n{Resource.Desired}";
            return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..32];
        }
    }
}

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
