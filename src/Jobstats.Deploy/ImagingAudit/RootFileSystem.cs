namespace Jobstats.Deploy.ImagingAudit;

/// <summary>
/// Read-only access to a file system tree mounted at a root directory (an image, a node, shared storage).
/// Symlinks are never followed: an image's absolute symlinks point into the node's namespace, not ours, and a
/// hostile image must not make the audit read the head node's files.
/// </summary>
public sealed class RootFileSystem(string root, string label)
{
    public const long MaxScannedBytes = 4 * 1024 * 1024;

    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>"image", "node", "shared storage": used in reasons.</summary>
    public string Label { get; } = label;

    public string HostPath(string path)
    {
        var relative = string.Join('/', path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p is not ("." or "..")));
        return relative.Length == 0 ? Root : Path.Combine(Root, relative);
    }

    /// <summary>The entry itself (lstat), or null when nothing is there.</summary>
    public FileSystemInfo? Entry(string path)
    {
        var hostPath = HostPath(path);
        FileSystemInfo info = new FileInfo(hostPath);
        if (!info.Exists && info.LinkTarget is null)
        {
            info = new DirectoryInfo(hostPath);
            if (!info.Exists && info.LinkTarget is null)
            {
                return null;
            }
        }
        return info;
    }

    public bool Exists(string path) => Entry(path) is not null;

    public bool IsSymlink(string path) => Entry(path)?.LinkTarget is not null;

    public string? SymlinkTarget(string path) => Entry(path)?.LinkTarget;

    public bool IsRegularFile(string path) => Entry(path) is FileInfo { LinkTarget: null, Exists: true };

    public bool IsDirectory(string path) => Entry(path) is DirectoryInfo { LinkTarget: null, Exists: true };

    /// <summary>The text of a regular, reasonably small file, or null.</summary>
    public string? ReadText(string path, long maxBytes = MaxScannedBytes)
    {
        if (Entry(path) is not FileInfo { LinkTarget: null, Exists: true } file || file.Length > maxBytes)
        {
            return null;
        }
        try
        {
            return File.ReadAllText(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Regular files under a directory, depth first, never through symlinks, at most <paramref name="limit"/>.</summary>
    public IEnumerable<string> FilesUnder(string directory, int limit = 200_000)
    {
        if (!IsDirectory(directory))
        {
            yield break;
        }
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            AttributesToSkip = FileAttributes.ReparsePoint,
            IgnoreInaccessible = true,
            ReturnSpecialDirectories = false,
        };
        var count = 0;
        foreach (var file in Directory.EnumerateFiles(HostPath(directory), "*", options))
        {
            if (++count > limit)
            {
                yield break;
            }
            yield return "/" + Path.GetRelativePath(Root, file).Replace('\\', '/');
        }
    }
}
