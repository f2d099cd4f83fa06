using Jobstats.Deploy.Bcm.ExcludeLists;
using Jobstats.Deploy.ImagingAudit.Checks;
using Jobstats.Deploy.ImagingAudit.Reporting;

namespace Jobstats.Deploy.ImagingAudit;

/// <summary>The audit's single entry point: one category, its image and exclude lists in, one report out.</summary>
public static class ImagingAuditor
{
    private static readonly IAuditCheck[] Checks =
    [
        new LocationCheck(),
        new ExcludeListCheck(),
        new HostContentCheck(),
        new EtcSecretsCheck(),
        new CapturedStateCheck(),
        new RoleFitCheck(),
        new UserConsistencyCheck(),
        new LeftoverTempFileCheck(),
    ];

    /// <exception cref="ExcludeListFormatException">An exclude list cannot be parsed (message names source and line).</exception>
    /// <exception cref="DirectoryNotFoundException">The image root (or a given node root) does not exist.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> fired; checked before every file read.</exception>
    public static AuditReport Run(AuditRequest request, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Directory.Exists(request.ImageRoot))
        {
            throw new DirectoryNotFoundException($"image root {request.ImageRoot} does not exist");
        }
        if (request.NodeRoot is not null && !Directory.Exists(request.NodeRoot))
        {
            throw new DirectoryNotFoundException($"node root {request.NodeRoot} does not exist");
        }
        var lists = ExcludeListKinds.All.ToDictionary(kind => kind, kind => request.ExcludeLists.Get(request.Category, kind));
        var context = new AuditContext(request, lists, cancellation);
        foreach (var warning in lists.Values.SelectMany(l => l.Warnings))
        {
            context.Note(warning);
        }
        foreach (var check in Checks)
        {
            check.Run(context);
        }
        var findings = context.Findings
            .OrderBy(f => f.Group)
            .ThenByDescending(f => f.Verdict)
            .ThenBy(f => f.Path, StringComparer.Ordinal)
            .ToList();
        var verdict = findings.Count == 0 ? Verdict.Ok : findings.Max(f => f.Verdict);
        var grabNode = request.GrabNode ?? context.Identity.Hostname;
        return new AuditReport(
            request.Category,
            request.ImageName,
            request.ImageRoot,
            request.NodeRoot,
            request.Roles,
            request.ExcludeLists.Description,
            verdict,
            findings,
            context.Notes,
            RecommendedWorkflow.ImagePath(request.Category, request.ImageRoot),
            RecommendedWorkflow.GrabPath(request.Category, grabNode));
    }
}
