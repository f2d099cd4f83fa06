namespace Jobstats.Deploy.ImagingAudit;

/// <summary>One verdict about one path (or user), with the reason an admin can act on.</summary>
public sealed record AuditFinding(FindingGroup Group, string Path, Verdict Verdict, string Reason, string? Component = null);
