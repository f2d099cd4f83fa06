using System.Security.Cryptography;
using System.Text;
using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Targets;

namespace Jobstats.Deploy.Engine;

/// <summary>
/// One apply or uninstall at a time per deployment state: two at once would each load a manifest, add to it and save
/// it, and the second save would lose the first's entries (files nobody would ever remove). An advisory lock
/// (flock) on a file in /run/lock, keyed by where the state lives; the kernel
/// drops it when the process ends, however it ends, so a killed apply never leaves it held. Beside it, FILE.holder
/// names the last holder's pid for the message a waiting admin reads.
/// </summary>
public sealed class ControlLock : IDisposable
{
    private readonly FileStream _file;

    private ControlLock(FileStream file) => _file = file;

    public string Path => _file.Name;

    /// <exception cref="IOException">Another jobstatsctl holds it; the message names its pid.</exception>
    public static ControlLock Acquire(Inventory inventory, string lockDirectory = "/run/lock")
    {
        var state = $"{inventory.Target.SharedRoot.TrimEnd('/')}{inventory.Target.StateDir}";
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(state)))[..16];
        var directory = Directory.Exists(lockDirectory) ? lockDirectory : System.IO.Path.GetTempPath();
        var path = System.IO.Path.Combine(directory, $"jobstatsctl-{key}.lock");
        // flock(2) itself, not only .NET's share emulation (which also takes flock, shared, when opening): the lock
        // other tools (flock(1)) see, and which the kernel releases with the process.
        FileStream? file = null;
        try
        {
            file = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.ReadWrite,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }
        catch (IOException e) when (e is not (FileNotFoundException or DirectoryNotFoundException))
        {
            // .NET's shared flock on open failed: someone holds it exclusively.
        }
        if (file is null || !UnixFiles.TryLockExclusive(file.SafeFileHandle))
        {
            file?.Dispose();
            var holder = File.Exists(path + ".holder") ? File.ReadAllText(path + ".holder").Trim() : "";
            throw new IOException($"another jobstatsctl ({(holder.Length > 0 ? holder : "pid unknown")}) is applying or uninstalling the deployment kept in {state}; wait for it to finish (lock {path})");
        }
        File.WriteAllText(path + ".holder", $"pid {Environment.ProcessId}\n");
        return new ControlLock(file);
    }

    public void Dispose() => _file.Dispose();
}
