using Jobstats.Deploy.Resources;
using Jobstats.Deploy.State;
using Jobstats.Deploy.Targets;

namespace Jobstats.Deploy.Engine;

/// <summary>
/// Finds the temp files a killed apply or uninstall left behind. Only where our atomic writes put them: the folders of
/// the files, links and blocks we write, /etc for account files, and the state directory; and only names of our exact
/// pattern whose writer no longer runs, so neither a user's file nor a live run's temp file is ever taken.
/// </summary>
internal static class StaleTempFileScan
{
    /// <summary>States of <paramref name="paths"/> (one round trip on remote targets) and the stale temp files found.</summary>
    public static async Task<(IReadOnlyList<PathInfo> States, IReadOnlyList<StaleTempFileResource> Stale)> StatAsync(
        IHostTarget target, ManifestStore store, IReadOnlyList<string> paths, IEnumerable<string> written, CancellationToken ct)
    {
        var directories = written.Select(p => Path.GetDirectoryName(p) ?? "/").ToHashSet(StringComparer.Ordinal);
        // An image's bookkeeping lives on the head node, not in the image: searched there, apart.
        var storeApart = !ReferenceEquals(store.Target, target);
        if (!storeApart) directories.Add(store.Directory);
        var found = await target.StatManyAsync(paths, [.. directories], ct).ConfigureAwait(false);
        var stale = found.StaleTempFiles.Select(p => Resource(p, false)).ToList();
        if (storeApart) stale.AddRange((await store.Target.StatManyAsync([], [store.Directory], ct).ConfigureAwait(false)).StaleTempFiles.Select(p => Resource(p, true)));
        return (found.Paths, stale);
    }

    /// <summary>The files a resource writes through the atomic writer (a directory is made in place, never through a temp file).</summary>
    public static IEnumerable<string> WrittenBy(Resource r) => r switch
    {
        FileResource or SymlinkResource or ManagedBlockResource => [r.Path!],
        SystemUserResource => ["/etc/passwd"],
        _ => [],
    };

    /// <summary>The same for what a manifest says we wrote (uninstall restores files there).</summary>
    public static IEnumerable<string> WrittenBy(ManifestEntry e) => e.Kind switch
    {
        nameof(ResourceKind.File) or nameof(ResourceKind.Symlink) or nameof(ResourceKind.ManagedBlock) when e.Path is not null => [e.Path],
        nameof(ResourceKind.SystemUser) => ["/etc/passwd"],
        _ => [],
    };

    private static StaleTempFileResource Resource(string path, bool inStateStore) =>
        new(path, inStateStore) { Component = "jobstatsctl", Role = "", Why = "left by an interrupted apply or uninstall" };
}
