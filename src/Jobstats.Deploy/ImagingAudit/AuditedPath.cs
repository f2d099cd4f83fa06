namespace Jobstats.Deploy.ImagingAudit;

/// <summary>
/// One thing the deployment owns on nodes of the audited category: an absolute path inside the node's file system
/// (or a user name for <see cref="AuditedPathKind.User"/>), the component that installs it and the role it serves.
/// This is the audit's own input type so it does not depend on the deploy model; the plan maps onto it.
/// </summary>
public sealed record AuditedPath(string Path, AuditedPathKind Kind, string Component, string Role, string? SymlinkTarget = null)
{
    public bool IsDirectory => Kind == AuditedPathKind.Directory;
}
