using System.Runtime.InteropServices;

namespace Jobstats.Deploy.Targets;

/// <summary>lstat and lchown from libc: .NET exposes file modes but not owners nor file types.</summary>
internal static partial class UnixFiles
{
    [LibraryImport("libc", EntryPoint = "lstat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int LStat(string path, [Out] byte[] buffer);

    [LibraryImport("libc", EntryPoint = "lchown", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int LChown(string path, uint uid, uint gid);

    public static (uint Uid, uint Gid) Owner(string path)
    {
        var buffer = new byte[256];
        if (LStat(path, buffer) != 0)
            throw new IOException($"lstat {path} failed (errno {Marshal.GetLastPInvokeError()})");
        // struct stat differs by architecture: x86-64 has nlink (8 bytes) before mode; arm64 has mode, nlink (4 each).
        var uidOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 28 : 24;
        return (BitConverter.ToUInt32(buffer, uidOffset), BitConverter.ToUInt32(buffer, uidOffset + 4));
    }

    /// <summary>The entry's type bits (S_IFMT of st_mode, never following a symlink) and size; null when nothing is there.</summary>
    public static (uint Type, long Size)? Status(string path)
    {
        var buffer = new byte[256];
        if (LStat(path, buffer) != 0)
            return null;
        // x86-64: dev, ino, nlink (8 each), then mode; arm64: dev, ino (8 each), then mode. st_size is at 48 on both.
        var modeOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 24 : 16;
        return (BitConverter.ToUInt32(buffer, modeOffset) & 0xF000, BitConverter.ToInt64(buffer, 48));
    }

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(SafeHandle fd, int operation);

    /// <summary>flock(LOCK_EX | LOCK_NB): false when another open file holds it (this process's or another's).</summary>
    public static bool TryLockExclusive(SafeHandle fd)
    {
        const int lockExclusive = 2, lockNonBlocking = 4, wouldBlock = 11;
        if (Flock(fd, lockExclusive | lockNonBlocking) == 0) return true;
        var errno = Marshal.GetLastPInvokeError();
        return errno == wouldBlock ? false : throw new IOException($"flock failed (errno {errno})");
    }

    public static void Chown(string path, uint uid, uint gid)
    {
        if (LChown(path, uid, gid) != 0)
            throw new IOException($"chown {path} to {uid}:{gid} failed (errno {Marshal.GetLastPInvokeError()})");
    }
}
