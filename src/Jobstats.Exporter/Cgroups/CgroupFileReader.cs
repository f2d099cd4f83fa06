using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;

namespace Jobstats.Exporter.Cgroups;

/// <summary>
/// Reads small pseudo-files with a hard size cap, so a hostile or broken file cannot exhaust memory. Straight
/// open(2)/read(2)/close(2): a scrape reads about ten files per cgroup, and FileStream's fstat, SafeFileHandle and
/// (for the optional files that are missing on most nodes) a thrown and caught exception per file were a large part
/// of a scrape's CPU time (bench/exporter). A missing optional file is recognised by open's errno instead.
/// </summary>
internal static partial class CgroupFileReader
{
    public const int MaxBytes = 64 * 1024;

    // Linux open(2) flags and errno values (the same on x86_64 and aarch64).
    private const int ReadOnly = 0;
    private const int NonBlocking = 0x800;     // O_NONBLOCK: a FIFO put in place of a file cannot hang the scrape
    private const int CloseOnExec = 0x80000;   // O_CLOEXEC
    private const int NoSuchFile = 2;          // ENOENT
    private const int Interrupted = 4;         // EINTR
    private const int WouldBlock = 11;         // EAGAIN: a FIFO or device with nothing to read
    private const int AccessDenied = 13;       // EACCES
    private const int NotPermitted = 1;        // EPERM
    private const int NotADirectory = 20;      // ENOTDIR
    private const int IsADirectory = 21;       // EISDIR

    /// <summary>The file's text. Throws an <see cref="IOException"/> (FileNotFoundException when missing) or, over the cap, a <see cref="FormatException"/>.</summary>
    public static string Read(string path) => ReadText(path, optional: false)!;

    /// <summary>Null when the file or its directory does not exist (optional files such as memory.memsw.*).</summary>
    public static string? ReadOptional(string path) => ReadText(path, optional: true);

    private static string? ReadText(string path, bool optional)
    {
        var text = ArrayPool<char>.Shared.Rent(MaxBytes);
        try
        {
            return TryRead(path, "", optional, text, out var length) ? new string(text, 0, length) : null;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(text);
        }
    }

    /// <summary>
    /// Reads <c>directory/file</c> (or <paramref name="directory"/> alone when <paramref name="file"/> is empty) into
    /// <paramref name="text"/> (at least <see cref="MaxBytes"/> long) without allocating: the path is composed on the
    /// stack. False when <paramref name="optional"/> and the file or its directory does not exist; errors as <see cref="Read"/>.
    /// </summary>
    public static unsafe bool TryRead(ReadOnlySpan<char> directory, ReadOnlySpan<char> file, bool optional, Span<char> text, out int length)
    {
        length = 0;
        var most = (directory.Length + file.Length) * 3 + 2;
        Span<byte> path = most <= 1024 ? stackalloc byte[1024] : new byte[most];
        var at = Encoding.UTF8.GetBytes(directory, path);
        if (file.Length > 0)
        {
            path[at++] = (byte)'/';
            at += Encoding.UTF8.GetBytes(file, path[at..]);
        }
        path[at] = 0;
        int fd;
        fixed (byte* name = path)
        {
            do fd = Open(name, ReadOnly | NonBlocking | CloseOnExec);
            while (fd < 0 && Marshal.GetLastPInvokeError() == Interrupted);
        }
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (optional && errno is NoSuchFile or NotADirectory) return false;
            throw ErrorFor(errno, PathText(directory, file));
        }
        // Pooled buffer: a scrape reads thousands of these files, and zeroing a fresh 64 KiB array for each one
        // dominated the scrape time in bench/exporter.
        var buffer = ArrayPool<byte>.Shared.Rent(MaxBytes + 1);
        try
        {
            var total = 0;
            fixed (byte* start = buffer)
            {
                while (total <= MaxBytes)
                {
                    var read = ReadBytes(fd, start + total, MaxBytes + 1 - total);
                    if (read > 0) total += (int)read;
                    else if (read == 0) break;
                    else if (Marshal.GetLastPInvokeError() is var errno && errno != Interrupted) throw ErrorFor(errno, PathText(directory, file));
                }
            }
            if (total > MaxBytes) throw new FormatException($"{(file.Length > 0 ? file.ToString() : Path.GetFileName(directory.ToString()))}: larger than {MaxBytes} bytes");
            length = Encoding.UTF8.GetChars(buffer.AsSpan(0, total), text);
            return true;
        }
        finally
        {
            Close(fd);
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string PathText(ReadOnlySpan<char> directory, ReadOnlySpan<char> file) =>
        file.Length > 0 ? string.Concat(directory, "/", file) : directory.ToString();

    /// <summary>
    /// The exception FileStream would have thrown: the collector tells a cgroup removed mid-read (ENODEV, ESRCH in
    /// <see cref="IOException.HResult"/>, see <see cref="CgroupRemoval"/>) and a missing file from a real error by it.
    /// </summary>
    internal static Exception ErrorFor(int errno, string path)
    {
        var message = $"{path}: {Marshal.GetPInvokeErrorMessage(errno)}";
        return errno switch
        {
            NoSuchFile => new FileNotFoundException(message, path),
            NotADirectory => new DirectoryNotFoundException(message),
            AccessDenied or NotPermitted => new UnauthorizedAccessException(message),
            IsADirectory => new IOException($"{path}: is a directory, not a file", errno),
            WouldBlock => new IOException($"{path}: nothing to read without waiting (a FIFO or device, not a cgroup file)", errno),
            _ => new IOException(message, errno),
        };
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true)]
    private static unsafe partial int Open(byte* path, int flags);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static unsafe partial nint ReadBytes(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
