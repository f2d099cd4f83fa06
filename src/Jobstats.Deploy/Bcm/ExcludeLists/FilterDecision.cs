namespace Jobstats.Deploy.Bcm.ExcludeLists;

/// <summary>
/// What rsync does with one path: transferred or not, the rule that decided, and, when a parent directory was
/// excluded (rsync never descends into it), which one.
/// </summary>
public sealed record FilterDecision(bool Transferred, FilterRule? Rule, string? ExcludedAncestor)
{
    public static FilterDecision TransferredByDefault { get; } = new(true, null, null);

    public string Explain() => (Transferred, Rule, ExcludedAncestor) switch
    {
        (true, null, _) => "no rule matches",
        (true, { } rule, _) => $"included by {rule}",
        (false, { } rule, { } ancestor) => $"its directory /{ancestor} is excluded by {rule}",
        (false, { } rule, null) => $"excluded by {rule}",
        _ => "excluded",
    };
}
