namespace Jobstats.Deploy.Bcm.ExcludeLists;

/// <summary>
/// An ordered rsync filter: the first matching rule decides, an unmatched path is transferred, and a recursive
/// transfer never descends into an excluded directory, so a path is lost when any parent directory is excluded.
/// </summary>
public sealed class RsyncFilter(IReadOnlyList<FilterRule> rules)
{
    public IReadOnlyList<FilterRule> Rules { get; } = rules;

    /// <summary>The first rule matching the path itself (ignoring its parents), or null.</summary>
    public FilterRule? FirstMatch(string relativePath, bool isDirectory)
    {
        foreach (var rule in Rules)
        {
            if (rule.Pattern.Matches(relativePath, isDirectory))
            {
                return rule;
            }
        }
        return null;
    }

    /// <summary>Decides a path relative to the transfer root, walking its parent directories first.</summary>
    public FilterDecision Decide(string path, bool isDirectory)
    {
        var relative = Normalize(path);
        if (relative.Length == 0)
        {
            return FilterDecision.TransferredByDefault;
        }
        var slash = relative.IndexOf('/');
        while (slash >= 0)
        {
            var parent = relative[..slash];
            var parentRule = FirstMatch(parent, isDirectory: true);
            if (parentRule is { Action: FilterAction.Exclude })
            {
                return new FilterDecision(false, parentRule, parent);
            }
            slash = relative.IndexOf('/', slash + 1);
        }
        var rule = FirstMatch(relative, isDirectory);
        return rule is null ? FilterDecision.TransferredByDefault : new FilterDecision(rule.Action == FilterAction.Include, rule, null);
    }

    /// <summary>"/etc//x/" and "etc/x" both become "etc/x": rsync sees names relative to the root, without a trailing slash.</summary>
    public static string Normalize(string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".");
        return string.Join('/', parts);
    }
}
