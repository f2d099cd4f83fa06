namespace Jobstats.Deploy.Engine;

/// <summary>
/// The changes a user approved, by host, each with the fingerprint it had when shown: the plan printed before the
/// question, or one saved with <c>plan -o</c>. Apply makes exactly these and refuses any whose state has moved.
/// </summary>
public sealed class ApprovedPlan
{
    private readonly Dictionary<string, Dictionary<string, string>> _hosts;

    private ApprovedPlan(Dictionary<string, Dictionary<string, string>> hosts) => _hosts = hosts;

    public static ApprovedPlan From(PlanDocument plan) => new(plan.Hosts.ToDictionary(
        h => h.Host,
        h => h.Resources.Where(r => r.Action != "ok").ToDictionary(r => r.Key, r => r.Fingerprint ?? "", StringComparer.Ordinal),
        StringComparer.Ordinal));

    public static ApprovedPlan From(Plan plan) => From(PlanDocument.From(plan));

    /// <summary>Whether <paramref name="change"/>, pending now on <paramref name="host"/>, is one the user approved as it is.</summary>
    public bool Approves(string host, PlannedChange change) =>
        _hosts.TryGetValue(host, out var changes) && changes.TryGetValue(change.Resource.Key, out var fingerprint) && fingerprint == change.Fingerprint;

    /// <summary>Approved changes on <paramref name="host"/> that are no longer pending (someone converged them meanwhile).</summary>
    public IEnumerable<string> Gone(string host, IReadOnlySet<string> pendingNow) =>
        _hosts.TryGetValue(host, out var changes) ? changes.Keys.Where(k => !pendingNow.Contains(k)) : [];
}
