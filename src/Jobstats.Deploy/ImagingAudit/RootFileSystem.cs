using System.Text;
using Jobstats.Deploy.Targets;
using Microsoft.Win32.SafeHandles;

namespace Jobstats.Deploy.ImagingAudit;

/// <summary>
/// Read-only access to a file system tree mounted at a root directory (an image, a node, shared storage).
/// Symlinks are never followed: an image's absolute symlinks point into the node's namespace, not ours, and a
/// hostile image must not make the audit read the head node's files.
/// </summary>
/// <remarks>Every read checks <paramref name="cancellation"/>, so an interrupted audit stops at the next file.</remarks>
internal sealed class RootFileSystem(string root, string label, CancellationToken cancellation = default)
{
    public const long MaxScannedBytes = 4 * 1024 * 1024;

    // Enough to tell text from a binary the way ContentScanner.LooksBinary does, without reading the rest of it.
    private const int BinarySniffBytes = 8192;

    private readonly CancellationToken _cancellation = cancellation;

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

    /// <summary>The entry's type by lstat: a symlink is a symlink, whatever it points to.</summary>
    public EntryType TypeOf(string path) =>
        UnixFiles.Status(HostPath(path)) is { } status ? EntryTypes.FromMode(status.Type) : EntryType.Missing;

    /// <summary>
    /// At most <paramref name="maxBytes"/> of a regular file's text, or null for anything else (missing, a symlink, a
    /// FIFO whose open would block until a writer comes, a device that never ends) and for unreadable files.
    /// </summary>
    public FileText? ReadText(string path, long maxBytes = MaxScannedBytes)
    {
        _cancellation.ThrowIfCancellationRequested();
        var hostPath = HostPath(path);
        if (UnixFiles.Status(hostPath) is not { } status || EntryTypes.FromMode(status.Type) != EntryType.Regular)
        {
            return null;
        }
        try
        {
            using var handle = File.OpenHandle(hostPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var length = RandomAccess.GetLength(handle);
            var buffer = new byte[(int)Math.Min(Math.Min(length, maxBytes), int.MaxValue)];
            var read = Fill(handle, buffer.AsSpan(0, Math.Min(buffer.Length, BinarySniffBytes)), 0);
            var binary = buffer.AsSpan(0, read).Contains((byte)0);
            if (!binary && read == BinarySniffBytes)
            {
                read += Fill(handle, buffer.AsSpan(read), read);
            }
            var bom = buffer.AsSpan(0, read).StartsWith("\uFEFF"u8) ? 3 : 0;
            return new FileText(Encoding.UTF8.GetString(buffer, bom, read - bom), length > read, binary);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Files (not directories, not symlinks) under a directory, depth first, never through symlinks, streaming.</summary>
    public IEnumerable<string> FilesUnder(string directory)
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
        foreach (var file in Directory.EnumerateFiles(HostPath(directory), "*", options))
        {
            _cancellation.ThrowIfCancellationRequested();
            yield return "/" + Path.GetRelativePath(Root, file).Replace('\\', '/');
        }
    }

    /// <summary>The names of the entries directly in a directory (files, symlinks, directories); none when it is not one.</summary>
    public IEnumerable<string> NamesIn(string directory) =>
        IsDirectory(directory)
            ? Directory.EnumerateFileSystemEntries(HostPath(directory), "*", new EnumerationOptions { IgnoreInaccessible = true, AttributesToSkip = 0 }).Select(Path.GetFileName).OfType<string>()
            : [];

    private static int Fill(SafeFileHandle handle, Span<byte> buffer, long offset)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = RandomAccess.Read(handle, buffer[total..], offset + total);
            if (read == 0)
            {
                break;
            }
            total += read;
        }
        return total;
    }
}
