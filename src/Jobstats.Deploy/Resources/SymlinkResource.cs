using Jobstats.Deploy.Targets;

namespace Jobstats.Deploy.Resources;

public sealed class SymlinkResource(string path, string linkTarget) : Resource
{
    public override ResourceKind Kind => ResourceKind.Symlink;
    public override string Key => "symlink:" + path;
    public override string Path => path;
    public override string Owner => "root";
    public override string Group => "root";
    public string LinkTarget => linkTarget;
    public override string Desired => linkTarget;

    public override Task<Drift> InspectAsync(ResourceContext context, PathInfo? current, CancellationToken ct)
    {
        current ??= PathInfo.Missing;
        return Task.FromResult(current.Kind switch
        {
            PathKind.Missing => Drift.Create($"link → {linkTarget}"),
            PathKind.Symlink when current.LinkTarget == linkTarget => Drift.Ok,
            PathKind.Symlink => Drift.Change($"link points at {current.LinkTarget}, not {linkTarget}"),
            _ => Drift.Change($"a {current.Kind.ToString().ToLowerInvariant()} is in the way of the link"),
        });
    }

    public override Task ApplyAsync(ResourceContext context, CancellationToken ct) =>
        context.Target.SymlinkAsync(path, linkTarget, ct);
}
