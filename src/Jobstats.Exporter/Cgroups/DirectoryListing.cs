using System.Runtime.InteropServices;
using System.Text;

namespace Jobstats.Exporter.Cgroups;

/// <summary>
/// Lists sub-directory names, treating a directory that disappears while listed as empty. Straight
/// opendir(3)/readdir(3)/closedir(3) with the path composed on the stack: a scrape lists every job's and step's
/// directory (1,500 listings at 500 jobs), and FileSystemEnumerable's enumerator, normalised path strings and the
/// combined paths handed to it were 1.2 MiB of a scrape's 1.7 MiB of garbage, all of it resident until the next
/// collection. Only the names of directories become strings.
/// </summary>
internal static partial class DirectoryListing
{
    // struct dirent of glibc on 64-bit Linux (x86_64, aarch64): d_ino (8), d_off (8), d_reclen (2), d_type (1), d_name.
    private const int TypeOffset = 18;
    private const int NameOffset = 19;
    private const byte TypeUnknown = 0;   // DT_UNKNOWN: the file system does not say; asked with stat
    private const byte TypeDirectory = 4; // DT_DIR
    private const int NoSuchFile = 2;     // ENOENT
    private const int NotADirectory = 20; // ENOTDIR
    private const int Interrupted = 4;    // EINTR

    public static List<string> Names(string path) => Names(path, "");

    /// <summary>The sub-directories of <paramref name="root"/>/<paramref name="relative"/> (or of <paramref name="root"/> when relative is empty).</summary>
    public static unsafe List<string> Names(string root, ReadOnlySpan<char> relative)
    {
        var most = (root.Length + relative.Length) * 3 + 2;
        Span<byte> path = most <= 1024 ? stackalloc byte[1024] : new byte[most];
        var at = Encoding.UTF8.GetBytes(root, path);
        if (relative.Length > 0)
        {
            path[at++] = (byte)'/';
            at += Encoding.UTF8.GetBytes(relative, path[at..]);
        }
        path[at] = 0;
        nint directory;
        fixed (byte* name = path)
        {
            do directory = OpenDirectory(name);
            while (directory == 0 && Marshal.GetLastPInvokeError() == Interrupted);
        }
        var names = new List<string>();
        if (directory == 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            // As Directory.GetDirectories under a catch of DirectoryNotFoundException: gone (the job ended) is empty.
            if (errno is NoSuchFile or NotADirectory) return names;
            throw CgroupFileReader.ErrorFor(errno, PathText(root, relative));
        }
        try
        {
            while (true)
            {
                var entry = ReadDirectory(directory);
                if (entry == 0)
                {
                    // End of the listing, or an error: readdir leaves errno 0 at the end (it is cleared before the call).
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno is 0 or NoSuchFile) return names;
                    throw CgroupFileReader.ErrorFor(errno, PathText(root, relative));
                }
                var nameBytes = MemoryMarshal.CreateReadOnlySpanFromNullTerminated((byte*)entry + NameOffset);
                if (nameBytes.SequenceEqual("."u8) || nameBytes.SequenceEqual(".."u8)) continue;
                var type = *((byte*)entry + TypeOffset);
                if (type != TypeDirectory && type != TypeUnknown) continue;
                var entryName = Encoding.UTF8.GetString(nameBytes);
                if (type == TypeUnknown && !Directory.Exists(Path.Combine(PathText(root, relative), entryName))) continue;
                names.Add(entryName);
            }
        }
        finally
        {
            CloseDirectory(directory);
        }
    }

    private static string PathText(string root, ReadOnlySpan<char> relative) =>
        relative.Length > 0 ? string.Concat(root, "/", relative) : root;

    [LibraryImport("libc", EntryPoint = "opendir", SetLastError = true)]
    private static unsafe partial nint OpenDirectory(byte* path);

    [LibraryImport("libc", EntryPoint = "readdir", SetLastError = true)]
    private static partial nint ReadDirectory(nint directory);

    [LibraryImport("libc", EntryPoint = "closedir")]
    private static partial int CloseDirectory(nint directory);
}
