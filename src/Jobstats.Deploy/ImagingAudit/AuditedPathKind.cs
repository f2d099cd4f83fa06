namespace Jobstats.Deploy.ImagingAudit;

public enum AuditedPathKind
{
    File,
    Directory,
    Symlink,
    /// <summary>A systemd unit file; audited like a file.</summary>
    Unit,
    /// <summary>A system user; <see cref="AuditedPath.Path"/> holds the user name.</summary>
    User,
}
