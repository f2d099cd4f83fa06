using System.Collections.Concurrent;
using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Targets;
using Jobstats.Processes;

namespace Jobstats.Deploy.Tests.Support;

/// <summary>
/// A host kept in a dictionary: the planner and applier run against it without a filesystem, ssh or root, and every
/// round trip a real target would make is counted (and, for the benchmark, delayed). Compiled into the tests and,
/// as a linked file, into bench/jobstatsctl: it depends on nothing but the Deploy library.
/// </summary>
public sealed class InMemoryTarget(string host, TargetKind kind = TargetKind.Ssh, TimeSpan roundTrip = default) : IHostTarget
{
    private sealed record Entry(PathInfo Info, byte[]? Bytes);

    private readonly ConcurrentDictionary<string, Entry> _paths = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<IReadOnlyList<string>> _commands = new();
    private int _roundTrips;

    public string Host => host;
    public TargetKind Kind => kind;
    public bool CanRunServices => kind != TargetKind.Image;

    /// <summary>How each command run on the host ends; by default it succeeds silently.</summary>
    public Func<IReadOnlyList<string>, ProcessResult> Answer { get; init; } = _ => ProcessResult.Exited(0);

    public int RoundTrips => Volatile.Read(ref _roundTrips);

    /// <summary>Every command run so far, in order.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Commands => [.. _commands];

    /// <summary>Every path that exists, sorted.</summary>
    public IReadOnlyList<string> Paths => [.. _paths.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Sets what a path is, e.g. a file already in place before the test.</summary>
    public void Put(string path, PathInfo info, byte[]? bytes = null) => _paths[path] = new Entry(info, bytes);

    public PathInfo this[string path] => _paths.TryGetValue(path, out var entry) ? entry.Info : PathInfo.Missing;

    public Task<bool> HasSystemdAsync(CancellationToken ct) => Task.FromResult(true);

    public async Task<PathInfo> StatAsync(string path, bool withHash, CancellationToken ct)
    {
        await TripAsync(ct);
        return withHash ? this[path] : this[path] with { Sha256 = null };
    }

    /// <summary>No stale temp files: writes here are atomic, so none are ever left behind.</summary>
    public async Task<PathStates> StatManyAsync(IReadOnlyList<string> paths, IReadOnlyList<string> tempFileDirectories, CancellationToken ct)
    {
        await TripAsync(ct);
        return new PathStates([.. paths.Select(path => this[path])], []);
    }

    public async Task<byte[]?> ReadFileAsync(string path, CancellationToken ct)
    {
        await TripAsync(ct);
        return _paths.TryGetValue(path, out var entry) && entry.Info.Kind == PathKind.File ? entry.Bytes : null;
    }

    public async Task WriteFileAsync(string path, FileContent content, int mode, string owner, string group, CancellationToken ct)
    {
        await TripAsync(ct);
        Put(path, new PathInfo(PathKind.File, mode, owner, group, content.Sha256), content.Bytes);
    }

    public async Task CreateDirectoryAsync(string path, int mode, string owner, string group, CancellationToken ct)
    {
        await TripAsync(ct);
        Put(path, new PathInfo(PathKind.Directory, mode, owner, group));
    }

    public async Task SetAttributesAsync(string path, int mode, string owner, string group, CancellationToken ct)
    {
        await TripAsync(ct);
        var entry = Existing(path);
        _paths[path] = entry with { Info = entry.Info with { Mode = mode, Owner = owner, Group = group } };
    }

    public async Task SymlinkAsync(string path, string linkTarget, CancellationToken ct)
    {
        await TripAsync(ct);
        Put(path, new PathInfo(PathKind.Symlink, LinkTarget: linkTarget));
    }

    public async Task CopyAsync(string from, string to, CancellationToken ct)
    {
        await TripAsync(ct);
        _paths[to] = Existing(from);
    }

    public async Task RenameAsync(string from, string to, CancellationToken ct)
    {
        await TripAsync(ct);
        _paths[to] = Existing(from);
        _paths.TryRemove(from, out _);
    }

    public async Task DeleteAsync(string path, CancellationToken ct)
    {
        await TripAsync(ct);
        // As rmdir(2): a directory that still holds something stays, and that is the caller's bug.
        if (_paths.Keys.Any(other => other.StartsWith(path.TrimEnd('/') + "/", StringComparison.Ordinal)))
            throw new IOException($"{host}: {path} is a directory that is not empty");
        _paths.TryRemove(path, out _);
    }

    public async Task<ProcessResult> RunAsync(IReadOnlyList<string> argv, CancellationToken ct)
    {
        await TripAsync(ct);
        _commands.Enqueue(argv);
        return Answer(argv);
    }

    public string HostPath(string path) => path;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Entry Existing(string path) =>
        _paths.TryGetValue(path, out var entry) ? entry : throw new FileNotFoundException($"{host}: {path} does not exist", path);

    private async Task TripAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref _roundTrips);
        if (roundTrip > TimeSpan.Zero) await Task.Delay(roundTrip, ct);
    }
}
