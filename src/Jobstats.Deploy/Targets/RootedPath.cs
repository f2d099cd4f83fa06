namespace Jobstats.Deploy.Targets;

/// <summary>
/// Maps a host path into a directory tree that stands for "/" (a BCM software image, a test root), resolving symbolic
/// links the way the kernel would after chroot: an absolute link target starts again at the tree's root, and ".."
/// never climbs above it. Images hold links such as <c>var/run -&gt; /run</c>; joining the root and the path as text
/// would let the kernel follow them out of the image onto the head node.
/// </summary>
internal static class RootedPath
{
    /// <summary>Linux's own limit on links followed in one lookup (ELOOP).</summary>
    private const int MaxLinks = 40;

    /// <param name="followFinal">Whether a link in the last component is followed too (reading, changing modes); when
    /// false the link itself is meant (stat, replace, delete).</param>
    /// <exception cref="IOException">More than 40 links in the way (a loop).</exception>
    public static string Resolve(string root, string path, bool followFinal)
    {
        if (!path.StartsWith('/')) throw new ArgumentException($"path must be absolute: {path}", nameof(path));
        var resolved = new List<string>();
        var pending = new Stack<string>();
        Push(pending, path);
        var links = 0;
        while (pending.TryPop(out var name))
        {
            if (name == "..")
            {
                if (resolved.Count > 0) resolved.RemoveAt(resolved.Count - 1);
                continue;
            }
            resolved.Add(name);
            if (pending.Count == 0 && !followFinal) break;
            if (new FileInfo(Join(root, resolved)).LinkTarget is not { } target) continue;
            if (++links > MaxLinks) throw new IOException($"{path}: too many levels of symbolic links inside {root}");
            resolved.RemoveAt(resolved.Count - 1);
            if (target.StartsWith('/')) resolved.Clear();
            Push(pending, target);
        }
        return Join(root, resolved);
    }

    private static void Push(Stack<string> pending, string path)
    {
        var names = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = names.Length - 1; i >= 0; i--)
            if (names[i] != ".") pending.Push(names[i]);
    }

    private static string Join(string root, List<string> names) =>
        names.Count == 0 ? root : root.TrimEnd('/') + "/" + string.Join('/', names);
}
