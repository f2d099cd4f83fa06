namespace Jobstats.Deploy.ImagingAudit;

/// <summary>The audit's result: findings, notes about its inputs, and the recommended cmsh workflow.</summary>
public sealed record AuditReport(
    string Category,
    string ImageName,
    string ImageRoot,
    string? NodeRoot,
    IReadOnlyList<string> Roles,
    string ExcludeListSource,
    Verdict Verdict,
    IReadOnlyList<AuditFinding> Findings,
    IReadOnlyList<string> Notes,
    IReadOnlyList<WorkflowStep> ImageWorkflow,
    IReadOnlyList<WorkflowStep> GrabWorkflow)
{
    public const int BlockingExitCode = 3;

    public bool HasBlocking => Verdict == Verdict.Blocking;

    public int ExitCode => HasBlocking ? BlockingExitCode : 0;

    public IEnumerable<AuditFinding> Problems => Findings.Where(f => f.Verdict != Verdict.Ok);
}

/// <summary>One step of a workflow: what it does and the exact command.</summary>
public sealed record WorkflowStep(string Purpose, string Command);
