using Jobstats.Deploy.Targets;

namespace Jobstats.Deploy.Resources;

public sealed class DirectoryResource(string path, int mode = FileModes.Executable, string owner = "root", string group = "root") : Resource
{
    public override ResourceKind Kind => ResourceKind.Directory;
    public override string Key => "directory:" + path;
    public override string Path => path;
    public override string Owner => owner;
    public override string Group => group;
    public override int? Mode => mode;

    public override Task<Drift> InspectAsync(ResourceContext context, PathInfo? current, CancellationToken ct)
    {
        current ??= PathInfo.Missing;
        return Task.FromResult(current.Kind switch
        {
            PathKind.Missing => Drift.Create($"directory {Octal(mode)} {owner}:{group}"),
            PathKind.Directory => AttributeDrift(current),
            _ => Drift.Change($"a {current.Kind.ToString().ToLowerInvariant()} is in the way of a directory"),
        });
    }

    private Drift AttributeDrift(PathInfo current)
    {
        var changes = new List<string>();
        if ((current.Mode & FileModes.PermissionBits) != mode) changes.Add($"mode {Octal(current.Mode)} → {Octal(mode)}");
        if (current.Owner != owner || current.Group != group) changes.Add($"owner {current.Owner}:{current.Group} → {owner}:{group}");
        return changes.Count == 0 ? Drift.Ok : Drift.Change(string.Join(", ", changes));
    }

    public override Task ApplyAsync(ResourceContext context, CancellationToken ct) =>
        context.Target.CreateDirectoryAsync(path, mode, owner, group, ct);
}
