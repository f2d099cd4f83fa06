using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Targets;
using Jobstats.Processes;

namespace Jobstatsctl.Bench;

/// <summary>An in-process stand-in for an ssh host: answers state reads from a dictionary, optionally after a delay per round trip.</summary>
internal sealed class FakeTarget(string host, IReadOnlyDictionary<string, PathInfo> state, TimeSpan roundTrip) : IHostTarget
{
    public string Host => host;
    public TargetKind Kind => TargetKind.Ssh;
    public bool CanRunServices => true;
    public static int RoundTrips;

    private async Task Trip()
    {
        Interlocked.Increment(ref RoundTrips);
        if (roundTrip > TimeSpan.Zero) await Task.Delay(roundTrip);
    }

    public Task<bool> HasSystemdAsync(CancellationToken ct) => Task.FromResult(true);
    public async Task<PathInfo> StatAsync(string path, bool withHash, CancellationToken ct) { await Trip(); return state.GetValueOrDefault(path, PathInfo.Missing); }
    public async Task<PathStates> StatManyAsync(IReadOnlyList<string> paths, IReadOnlyList<string> tempFileDirectories, CancellationToken ct)
    {
        await Trip();
        return new PathStates(paths.Select(p => state.GetValueOrDefault(p, PathInfo.Missing)).ToList(), []);
    }
    public async Task<byte[]?> ReadFileAsync(string path, CancellationToken ct) { await Trip(); return null; }
    public async Task<ProcessResult> RunAsync(IReadOnlyList<string> argv, CancellationToken ct)
    {
        await Trip();
        return ProcessResult.Exited(state.ContainsKey("running") ? 0 : 3);
    }
    public string HostPath(string path) => path;
    public Task WriteFileAsync(string path, FileContent content, int mode, string owner, string group, CancellationToken ct) => throw new NotSupportedException();
    public Task CreateDirectoryAsync(string path, int mode, string owner, string group, CancellationToken ct) => throw new NotSupportedException();
    public Task SetAttributesAsync(string path, int mode, string owner, string group, CancellationToken ct) => throw new NotSupportedException();
    public Task SymlinkAsync(string path, string linkTarget, CancellationToken ct) => throw new NotSupportedException();
    public Task CopyAsync(string from, string to, CancellationToken ct) => throw new NotSupportedException();
    public Task RenameAsync(string from, string to, CancellationToken ct) => throw new NotSupportedException();
    public Task DeleteAsync(string path, CancellationToken ct) => throw new NotSupportedException();
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
