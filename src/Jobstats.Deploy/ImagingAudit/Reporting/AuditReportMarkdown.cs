using System.Text;

namespace Jobstats.Deploy.ImagingAudit.Reporting;

/// <summary>The human report: one section per group of files, each row a verdict and its reason, then the workflow.</summary>
public static class AuditReportMarkdown
{
    public static string Render(AuditReport report)
    {
        var text = new StringBuilder();
        text.AppendLine($"# Imaging audit: category `{report.Category}`, image `{report.ImageName}`");
        text.AppendLine();
        text.AppendLine($"- Verdict: **{Label(report.Verdict)}**{(report.HasBlocking ? " (exit 3: fix the blocking findings before grabbing or updating)" : "")}");
        text.AppendLine($"- Roles: {string.Join(", ", report.Roles)}");
        text.AppendLine($"- Image root: `{report.ImageRoot}`{(report.NodeRoot is null ? "" : $"; node root: `{report.NodeRoot}`")}");
        text.AppendLine($"- Exclude lists from: {report.ExcludeListSource}");
        var counts = report.Findings.GroupBy(f => f.Verdict).ToDictionary(g => g.Key, g => g.Count());
        text.AppendLine($"- Findings: {counts.GetValueOrDefault(Verdict.Blocking)} blocking, {counts.GetValueOrDefault(Verdict.Warning)} warning, {counts.GetValueOrDefault(Verdict.Ok)} ok");
        text.AppendLine();

        foreach (var group in report.Findings.GroupBy(f => f.Group).OrderBy(g => g.Key))
        {
            var worst = group.Max(f => f.Verdict);
            text.AppendLine($"## {group.Key.Title()}: {Label(worst)}");
            text.AppendLine();
            text.AppendLine("| verdict | path | component | reason |");
            text.AppendLine("|---|---|---|---|");
            foreach (var finding in group)
            {
                text.AppendLine($"| {Label(finding.Verdict)} | `{Cell(finding.Path)}` | {Cell(finding.Component ?? "")} | {Cell(finding.Reason)} |");
            }
            text.AppendLine();
        }

        if (report.Notes.Count > 0)
        {
            text.AppendLine("## Notes");
            text.AppendLine();
            foreach (var note in report.Notes)
            {
                text.AppendLine($"- {note}");
            }
            text.AppendLine();
        }

        text.AppendLine("## Recommended workflow");
        text.AppendLine();
        text.AppendLine($"Preferred: install into the image and update the nodes of category `{report.Category}` from it.");
        AppendSteps(text, report.ImageWorkflow);
        text.AppendLine("Alternative: install on one representative node and grab it into the image.");
        AppendSteps(text, report.GrabWorkflow);
        return text.ToString();
    }

    private static void AppendSteps(StringBuilder text, IReadOnlyList<WorkflowStep> steps)
    {
        text.AppendLine();
        text.AppendLine("```sh");
        foreach (var step in steps)
        {
            text.AppendLine($"# {step.Purpose}");
            text.AppendLine(step.Command);
        }
        text.AppendLine("```");
        text.AppendLine();
    }

    public static string Label(Verdict verdict) => verdict switch
    {
        Verdict.Ok => "ok",
        Verdict.Warning => "WARNING",
        _ => "BLOCKING",
    };

    // Table cells: no line breaks, escaped pipes, and no control characters from file names in hostile images.
    private static string Cell(string value) =>
        new string(value.Select(c => char.IsControl(c) ? '?' : c).ToArray()).Replace("|", "\\|");
}
