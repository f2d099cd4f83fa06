using System.Runtime.InteropServices;

namespace Jobstats.Summaries.Queue;

/// <summary>
/// Writing a file so that, once the call returns, a crash of the machine cannot lose it nor leave half of it: the data
/// is written to a temporary name and synced, renamed into place, and the directory synced so the rename itself is
/// on disk. A temporary file is removed on every failure.
/// </summary>
internal static partial class DurableFiles
{
    private const int ReadOnly = 0;
    private const int Directory = 0x10000; // O_DIRECTORY on x86-64 and arm64
    private const int CloseOnExec = 0x80000;
    private const int NonBlocking = 0x800;
    private const int NoFollow = 0x20000;

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FSync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically and durably, via <paramref name="tempDirectory"/>.</summary>
    public static void Write(string path, ReadOnlySpan<byte> bytes, string tempDirectory, UnixFileMode mode)
    {
        string temp = Path.Combine(tempDirectory, $"{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, new FileStreamOptions
            {
                Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = mode,
            }))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
        SyncDirectory(Path.GetDirectoryName(path)!);
    }

    /// <summary>Removes a file and syncs its directory, so a removal that was reported stays done.</summary>
    public static void Delete(string path)
    {
        File.Delete(path);
        SyncDirectory(Path.GetDirectoryName(path)!);
    }

    /// <summary>Moves a file within one file system and syncs both directories.</summary>
    public static void Move(string from, string to)
    {
        File.Move(from, to, overwrite: true);
        SyncDirectory(Path.GetDirectoryName(to)!);
        SyncDirectory(Path.GetDirectoryName(from)!);
    }

    /// <summary>
    /// Opens a file for reading only if it is a regular file: never follows a symlink (O_NOFOLLOW) and never waits on a
    /// FIFO (O_NONBLOCK), so whatever lands in the spool cannot block or redirect the reader. Null with the reason otherwise.
    /// </summary>
    public static FileStream? OpenRegular(string path, out string? problem)
    {
        int fd = Open(path, ReadOnly | NonBlocking | NoFollow | CloseOnExec);
        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            problem = errno switch { 2 => null, 40 => "not a regular file (a symlink)", _ => $"cannot be opened (errno {errno})" };
            return null;
        }
        var handle = new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: true);
        FileStream stream;
        try { stream = new FileStream(handle, FileAccess.Read, 1); }
        catch (UnauthorizedAccessException)
        {
            handle.Dispose();
            problem = "not a regular file (a directory)";
            return null;
        }
        // Regular files are the only seekable kind here: FIFOs, sockets and character devices are not.
        if (!stream.CanSeek)
        {
            stream.Dispose();
            problem = "not a regular file";
            return null;
        }
        problem = null;
        return stream;
    }

    public static void SyncDirectory(string directory)
    {
        int fd = Open(directory, ReadOnly | Directory | CloseOnExec);
        if (fd < 0) throw new IOException($"cannot open directory {directory} to sync it (errno {Marshal.GetLastPInvokeError()})");
        try
        {
            if (FSync(fd) != 0) throw new IOException($"cannot sync directory {directory} (errno {Marshal.GetLastPInvokeError()})");
        }
        finally { Close(fd); }
    }
}
