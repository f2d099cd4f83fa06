namespace Jobstats.Deploy.ImagingAudit.Checks;

/// <summary>One independent question the audit asks; each adds its findings to the context.</summary>
public interface IAuditCheck
{
    void Run(AuditContext context);
}
