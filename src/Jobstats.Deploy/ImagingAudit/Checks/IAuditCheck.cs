namespace Jobstats.Deploy.ImagingAudit.Checks;

/// <summary>One independent question the audit asks; each adds its findings to the context.</summary>
internal interface IAuditCheck
{
    void Run(AuditContext context);
}
