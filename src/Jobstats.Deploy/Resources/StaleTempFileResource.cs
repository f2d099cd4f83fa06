using Jobstats.Deploy.Targets;

namespace Jobstats.Deploy.Resources;

/// <summary>
/// A temp file (<see cref="TempFileNames"/>) that a killed write left next to one of our files. Not desired state:
/// the plan finds it, apply removes it, and it is never recorded in the manifest because nothing remains to undo.
/// </summary>
internal sealed class StaleTempFileResource(string path, bool inStateStore) : Resource
{
    public override ResourceKind Kind => ResourceKind.StaleTempFile;
    public override string Key => "stale-temp:" + path;
    public override string Path => path;

    /// <summary>True when the file is in the state directory on another target (an image's bookkeeping on the head node).</summary>
    public bool InStateStore => inStateStore;

    public override Task<Drift> InspectAsync(ResourceContext context, PathInfo? current, CancellationToken ct) =>
        Task.FromResult(Drift.Change("remove stale temp file left by an interrupted run"));

    public override Task ApplyAsync(ResourceContext context, CancellationToken ct) =>
        (inStateStore ? context.StateTarget : context.Target).DeleteAsync(path, ct);
}
