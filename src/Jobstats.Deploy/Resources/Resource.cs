using Jobstats.Deploy.Targets;

namespace Jobstats.Deploy.Resources;

/// <summary>
/// One piece of desired state on one host. The imaging audit reads <see cref="Path"/>, <see cref="Kind"/>,
/// <see cref="Owner"/>, <see cref="Group"/>, <see cref="Mode"/>, <see cref="Component"/> and <see cref="Role"/>.
/// </summary>
public abstract class Resource
{
    /// <summary>The component that needs this resource (exporter, node-exporter, prometheus, slurm-scripts, ...).</summary>
    public required string Component { get; init; }

    /// <summary>The inventory role that brought the component to this host.</summary>
    public required string Role { get; init; }

    /// <summary>Why the resource exists, in one sentence; used by <c>jobstatsctl docs</c>.</summary>
    public string Why { get; init; } = "";

    public abstract ResourceKind Kind { get; }

    /// <summary>Unique per host: kind plus path or name.</summary>
    public abstract string Key { get; }

    /// <summary>The absolute path on the host, for resources that are a path.</summary>
    public virtual string? Path => null;

    public virtual string? Owner => null;
    public virtual string? Group => null;
    public virtual int? Mode => null;

    /// <summary>What this resource wants beyond its key, for a plan's fingerprint: the content of a file, the target of
    /// a link, the lines of a block. Two plans that want different things never share a fingerprint.</summary>
    public virtual string Desired => $"{Mode} {Owner}:{Group}";

    /// <summary>Compares with the current state; <paramref name="current"/> is prefetched for path resources.</summary>
    public abstract Task<Drift> InspectAsync(ResourceContext context, PathInfo? current, CancellationToken ct);

    public abstract Task ApplyAsync(ResourceContext context, CancellationToken ct);

    public override string ToString() => Key;

    protected static string Octal(int mode) => FileModes.Octal(mode);
}
