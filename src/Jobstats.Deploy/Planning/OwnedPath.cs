using Jobstats.Deploy.Resources;

namespace Jobstats.Deploy.Planning;

/// <summary>
/// One path the deployment owns, flattened for consumers such as the imaging audit: where it is written
/// (<see cref="Placement"/>: image, live host or head node/shared storage), what it is, who owns it, and why.
/// </summary>
public sealed record OwnedPath(
    string Host, Placement Placement, string Path, ResourceKind Kind, string? Owner, string? Group, int? Mode,
    string Component, string Role, Resource Resource)
{
    /// <summary>True for paths in /cm/shared: never in an image, must exist before nodes need them.</summary>
    public bool IsSharedStorage => Components.Layout.IsShared(Path);
}
