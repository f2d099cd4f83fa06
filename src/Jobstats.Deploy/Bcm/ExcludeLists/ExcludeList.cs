namespace Jobstats.Deploy.Bcm.ExcludeLists;

/// <summary>
/// A parsed exclude list. BCM splits update and sync-install lists into two sub-lists: plain rules (a matching path
/// that exists on the node is kept, a missing one is still copied) and `no-new-files:` rules (a missing path is never
/// created). Each sub-list is an independent rsync filter, so both are kept in file order.
/// </summary>
public sealed record ExcludeList(ExcludeListKind Kind, IReadOnlyList<FilterRule> Rules, IReadOnlyList<string> Warnings)
{
    public RsyncFilter PlainFilter => new(Rules.Where(r => !r.NoNewFiles).ToList());

    public RsyncFilter NoNewFilesFilter => new(Rules.Where(r => r.NoNewFiles).ToList());

    public static ExcludeList Empty(ExcludeListKind kind) => new(kind, [], []);
}
