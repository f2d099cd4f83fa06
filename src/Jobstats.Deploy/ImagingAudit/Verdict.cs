namespace Jobstats.Deploy.ImagingAudit;

/// <summary>Ordered by severity so the worst finding is the maximum.</summary>
public enum Verdict
{
    Ok,
    Warning,
    Blocking,
}
