namespace Jobstats.Deploy.Bcm.ExcludeLists;

/// <summary>The five exclude lists a BCM node category carries, one per way files move between images and nodes.</summary>
public enum ExcludeListKind
{
    /// <summary>`excludelistgrab`: running node → its own image (grabimage -w).</summary>
    Grab,
    /// <summary>`excludelistgrabnew`: running node → a new image (grabimage -w -i).</summary>
    GrabNew,
    /// <summary>`excludelistupdate`: image → running node (imageupdate).</summary>
    Update,
    /// <summary>`excludelistsyncinstall`: image → booting node, AUTO/sync install.</summary>
    SyncInstall,
    /// <summary>`excludelistfullinstall`: image → booting node, FULL install.</summary>
    FullInstall,
}

internal static class ExcludeListKinds
{
    public static IReadOnlyList<ExcludeListKind> All { get; } =
        [ExcludeListKind.Grab, ExcludeListKind.GrabNew, ExcludeListKind.Update, ExcludeListKind.SyncInstall, ExcludeListKind.FullInstall];

    /// <summary>The cmsh property name of the list.</summary>
    public static string PropertyName(this ExcludeListKind kind) => kind switch
    {
        ExcludeListKind.Grab => "excludelistgrab",
        ExcludeListKind.GrabNew => "excludelistgrabnew",
        ExcludeListKind.Update => "excludelistupdate",
        ExcludeListKind.SyncInstall => "excludelistsyncinstall",
        ExcludeListKind.FullInstall => "excludelistfullinstall",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParse(string propertyName, out ExcludeListKind kind)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.PropertyName(), propertyName, StringComparison.Ordinal))
            {
                kind = candidate;
                return true;
            }
        }
        kind = default;
        return false;
    }

    /// <summary>Lists that sync into existing nodes, where BCM honours the `no-new-files:` sub-list.</summary>
    public static bool HasNoNewFilesSubList(this ExcludeListKind kind) =>
        kind is ExcludeListKind.Update or ExcludeListKind.SyncInstall;
}
