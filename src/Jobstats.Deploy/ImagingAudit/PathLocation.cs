namespace Jobstats.Deploy.ImagingAudit;

/// <summary>Where a path lives on a BCM node, which decides how it reaches the node.</summary>
internal enum PathLocation
{
    /// <summary>/cm/shared: NFS from the head node, in no image.</summary>
    SharedStorage,
    /// <summary>/run and friends: tmpfs, empty at every boot.</summary>
    RuntimeTmpfs,
    /// <summary>Everything else, /cm/local included: carried by the software image.</summary>
    NodeLocal,
}

internal static class PathLocations
{
    private static readonly string[] RuntimeRoots = ["/run", "/var/run", "/dev/shm"];

    public static PathLocation Of(string path)
    {
        var normalized = "/" + string.Join('/', path.Split('/', StringSplitOptions.RemoveEmptyEntries));
        if (IsUnder(normalized, "/cm/shared"))
        {
            return PathLocation.SharedStorage;
        }
        return RuntimeRoots.Any(root => IsUnder(normalized, root)) ? PathLocation.RuntimeTmpfs : PathLocation.NodeLocal;
    }

    public static bool IsUnder(string path, string root) =>
        path == root || path.StartsWith(root + "/", StringComparison.Ordinal);
}
