using System.Security.Cryptography;
using Jobstats.Deploy.Inventories;
using Jobstats.Processes;

namespace Jobstats.Deploy.Targets;

/// <summary>
/// This machine, optionally under a root prefix; with <see cref="TargetKind.Image"/> the root is a BCM software image
/// directory, and nothing is ever run or started inside it.
/// </summary>
internal sealed class LocalTarget : IHostTarget
{
    private readonly string _root;
    private readonly IProcessRunner _runner;
    private AccountTable? _accounts;

    public LocalTarget(string host, string root, TargetKind kind, bool manageServices, IProcessRunner runner)
    {
        _runner = runner;
        Host = host;
        _root = Path.GetFullPath(root);
        Kind = kind;
        CanRunServices = manageServices && kind != TargetKind.Image;
    }

    public string Host { get; }
    public TargetKind Kind { get; }
    public bool CanRunServices { get; }

    public Task<bool> HasSystemdAsync(CancellationToken ct)
    {
        // PID 1 is this machine's init whatever the prefix; only "/" can be managed through systemctl.
        var comm = File.Exists("/proc/1/comm") ? File.ReadAllText("/proc/1/comm").Trim() : "";
        return Task.FromResult(comm == "systemd" && _root == "/");
    }

    public string HostPath(string path) => Real(path, followFinal: false);

    /// <summary>Where <paramref name="path"/> is on this machine: under a root, links resolved inside the root, so
    /// nothing written into an image lands outside it.</summary>
    private string Real(string path, bool followFinal)
    {
        if (!path.StartsWith('/')) throw new ArgumentException($"path must be absolute: {path}");
        return _root == "/" ? path : RootedPath.Resolve(_root, path, followFinal);
    }

    private AccountTable Accounts => _accounts ??= new AccountTable(_root);

    public Task<PathInfo> StatAsync(string path, bool withHash, CancellationToken ct) => Task.FromResult(Stat(path, withHash));

    public Task<PathStates> StatManyAsync(IReadOnlyList<string> paths, IReadOnlyList<string> tempFileDirectories, CancellationToken ct) =>
        Task.FromResult(new PathStates(paths.Select(p => Stat(p, true)).ToList(), tempFileDirectories.SelectMany(StaleTempFiles).ToList()));

    /// <summary>Our temp files in <paramref name="directory"/> whose writer, always a process on this machine, is gone.</summary>
    private IEnumerable<string> StaleTempFiles(string directory)
    {
        var real = Real(directory, followFinal: true);
        if (!Directory.Exists(real)) yield break;
        foreach (var entry in Directory.EnumerateFileSystemEntries(real, TempFileNames.Glob))
        {
            var name = Path.GetFileName(entry);
            if (!TempFileNames.TryParse(name, out var pid) || Directory.Exists($"/proc/{pid}")) continue;
            if (new FileInfo(entry) is { LinkTarget: not null } or { Exists: true }) yield return $"{directory.TrimEnd('/')}/{name}";
        }
    }

    private PathInfo Stat(string path, bool withHash)
    {
        var real = HostPath(path);
        var info = new FileInfo(real);
        if (info.LinkTarget is { } link)
            return new PathInfo(PathKind.Symlink, 0, "", "", null, link);
        if (Directory.Exists(real))
        {
            var (du, dg) = UnixFiles.Owner(real);
            return new PathInfo(PathKind.Directory, (int)File.GetUnixFileMode(real), Accounts.UserName(du), Accounts.GroupName(dg));
        }
        if (!info.Exists) return PathInfo.Missing;
        var (uid, gid) = UnixFiles.Owner(real);
        string? hash = null;
        if (withHash)
        {
            using var stream = File.OpenRead(real);
            hash = Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        return new PathInfo(PathKind.File, (int)File.GetUnixFileMode(real), Accounts.UserName(uid), Accounts.GroupName(gid), hash);
    }

    public async Task<byte[]?> ReadFileAsync(string path, CancellationToken ct)
    {
        var real = Real(path, followFinal: true);
        return File.Exists(real) ? await File.ReadAllBytesAsync(real, ct).ConfigureAwait(false) : null;
    }

    public async Task WriteFileAsync(string path, FileContent content, int mode, string owner, string group, CancellationToken ct)
    {
        var real = HostPath(path);
        var dir = Path.GetDirectoryName(real)!;
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, TempFileNames.For(Path.GetFileName(real), Environment.ProcessId, TempFileNames.NewId()));
        try
        {
            var stream = new FileStream(temp, new FileStreamOptions
            {
                Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(content.Bytes, ct).ConfigureAwait(false);
                await stream.FlushAsync(ct).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }
            ApplyAttributes(temp, mode, owner, group);
            File.Move(temp, real, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
        if (path is "/etc/passwd" or "/etc/group") _accounts = null;
    }

    public Task CreateDirectoryAsync(string path, int mode, string owner, string group, CancellationToken ct)
    {
        var real = Real(path, followFinal: true);
        Directory.CreateDirectory(real);
        ApplyAttributes(real, mode, owner, group);
        return Task.CompletedTask;
    }

    public Task SetAttributesAsync(string path, int mode, string owner, string group, CancellationToken ct)
    {
        ApplyAttributes(Real(path, followFinal: true), mode, owner, group);
        return Task.CompletedTask;
    }

    private void ApplyAttributes(string real, int mode, string owner, string group)
    {
        UnixFiles.Chown(real, Accounts.Uid(owner), Accounts.Gid(group));
        File.SetUnixFileMode(real, (UnixFileMode)mode);
    }

    public Task SymlinkAsync(string path, string linkTarget, CancellationToken ct)
    {
        var real = HostPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(real)!);
        var temp = Path.Combine(Path.GetDirectoryName(real)!, TempFileNames.For(Path.GetFileName(real), Environment.ProcessId, TempFileNames.NewId()));
        File.CreateSymbolicLink(temp, linkTarget);
        File.Move(temp, real, overwrite: true);
        return Task.CompletedTask;
    }

    public Task CopyAsync(string from, string to, CancellationToken ct)
    {
        var source = HostPath(from);
        var dest = HostPath(to);
        Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
        // A link in the destination's place is replaced, never written through.
        if (new FileInfo(dest).LinkTarget is not null) File.Delete(dest);
        var info = new FileInfo(source);
        if (info.LinkTarget is { } link)
        {
            if (File.Exists(dest)) File.Delete(dest);
            File.CreateSymbolicLink(dest, link);
        }
        else
        {
            File.Copy(source, dest, overwrite: true);
            var (uid, gid) = UnixFiles.Owner(source);
            UnixFiles.Chown(dest, uid, gid);
            File.SetUnixFileMode(dest, File.GetUnixFileMode(source));
        }
        return Task.CompletedTask;
    }

    public Task RenameAsync(string from, string to, CancellationToken ct)
    {
        var dest = HostPath(to);
        Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
        File.Move(HostPath(from), dest, overwrite: true);
        if (to is "/etc/passwd" or "/etc/group") _accounts = null;
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string path, CancellationToken ct)
    {
        var real = HostPath(path);
        var info = new FileInfo(real);
        if (info.LinkTarget is not null || info.Exists) File.Delete(real);
        else if (Directory.Exists(real)) Directory.Delete(real, recursive: false);
        return Task.CompletedTask;
    }

    public Task<ProcessResult> RunAsync(IReadOnlyList<string> argv, CancellationToken ct)
    {
        if (Kind == TargetKind.Image)
            throw new InvalidOperationException($"nothing runs inside the image {_root}: {string.Join(' ', argv)}");
        return _runner.RunAsync(new ProcessRequest(argv[0], argv.Skip(1).ToList(), IHostTarget.CommandTimeout), ct);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
