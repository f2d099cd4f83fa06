using Jobstats.Deploy.Inventories;
using Jobstats.Processes;

namespace Jobstats.Deploy.Targets;

/// <summary>
/// One host as seen by the deployment engine. Paths are the host's own absolute paths; the target maps them
/// (under a root prefix, into an image directory, or over ssh).
/// </summary>
public interface IHostTarget : IAsyncDisposable
{
    string Host { get; }
    TargetKind Kind { get; }

    /// <summary>True when services can be started here (a live host, not an image).</summary>
    bool CanRunServices { get; }

    /// <summary>True when PID 1 on the host is systemd; otherwise services are run detached with pid files.</summary>
    Task<bool> HasSystemdAsync(CancellationToken ct);

    Task<PathInfo> StatAsync(string path, bool withHash, CancellationToken ct);

    /// <summary>
    /// Several paths at once, and the temp files (<see cref="TempFileNames"/>) directly in
    /// <paramref name="tempFileDirectories"/> whose writing process is gone: the plan's hot path, one round trip on
    /// remote targets.
    /// </summary>
    Task<PathStates> StatManyAsync(IReadOnlyList<string> paths, IReadOnlyList<string> tempFileDirectories, CancellationToken ct);

    Task<byte[]?> ReadFileAsync(string path, CancellationToken ct);

    /// <summary>Writes through a temporary file in the same directory, then renames: readers never see half a file.</summary>
    Task WriteFileAsync(string path, FileContent content, int mode, string owner, string group, CancellationToken ct);

    Task CreateDirectoryAsync(string path, int mode, string owner, string group, CancellationToken ct);

    Task SetAttributesAsync(string path, int mode, string owner, string group, CancellationToken ct);

    /// <summary>Creates or atomically replaces a symbolic link.</summary>
    Task SymlinkAsync(string path, string linkTarget, CancellationToken ct);

    /// <summary>Copies a file (or link) to <paramref name="to"/>, keeping mode and owner; used for backups.</summary>
    Task CopyAsync(string from, string to, CancellationToken ct);

    Task RenameAsync(string from, string to, CancellationToken ct);

    /// <summary>Removes a file, a symlink or an empty directory; a missing path is not an error.</summary>
    Task DeleteAsync(string path, CancellationToken ct);

    /// <summary>How long one program run on a host may take (a service start, a file written over ssh).</summary>
    static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Runs a program on the host (never inside an image). Arguments are passed as a vector, never through a shell string built from data.</summary>
    Task<ProcessResult> RunAsync(IReadOnlyList<string> argv, CancellationToken ct);

    /// <summary>Where <paramref name="path"/> really is for programs run through <see cref="RunAsync"/>.</summary>
    string HostPath(string path);
}
