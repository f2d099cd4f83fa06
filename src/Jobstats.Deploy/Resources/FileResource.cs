using Jobstats.Deploy.Targets;

namespace Jobstats.Deploy.Resources;

public sealed class FileResource(string path, FileContent content, int mode = FileModes.Readable, string owner = "root", string group = "root") : Resource
{
    public override ResourceKind Kind => ResourceKind.File;
    public override string Key => "file:" + path;
    public override string Path => path;
    public override string Owner => owner;
    public override string Group => group;
    public override int? Mode => mode;
    public FileContent Content => content;
    public override string Desired => $"{content.Sha256} {Octal(mode)} {owner}:{group}";

    public override Task<Drift> InspectAsync(ResourceContext context, PathInfo? current, CancellationToken ct)
    {
        current ??= PathInfo.Missing;
        if (current.Kind == PathKind.Missing) return Task.FromResult(Drift.Create($"{content.Description}, {Octal(mode)} {owner}:{group}"));
        if (current.Kind != PathKind.File) return Task.FromResult(Drift.Change($"a {current.Kind.ToString().ToLowerInvariant()} is in the way of a file"));
        var changes = new List<string>();
        if (current.Sha256 != content.Sha256) changes.Add("content differs");
        if ((current.Mode & FileModes.PermissionBits) != mode) changes.Add($"mode {Octal(current.Mode)} → {Octal(mode)}");
        if (current.Owner != owner || current.Group != group) changes.Add($"owner {current.Owner}:{current.Group} → {owner}:{group}");
        return Task.FromResult(changes.Count == 0 ? Drift.Ok : Drift.Change(string.Join(", ", changes)));
    }

    public override Task ApplyAsync(ResourceContext context, CancellationToken ct) =>
        context.Target.WriteFileAsync(path, content, mode, owner, group, ct);
}
