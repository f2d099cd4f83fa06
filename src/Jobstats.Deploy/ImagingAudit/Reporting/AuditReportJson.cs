using System.Text.Json;

namespace Jobstats.Deploy.ImagingAudit.Reporting;

public static class AuditReportJson
{
    public static string Render(AuditReport report) => JsonSerializer.Serialize(report, AuditReportJsonContext.Default.AuditReport);

    public static AuditReport? Parse(string json) => JsonSerializer.Deserialize(json, AuditReportJsonContext.Default.AuditReport);
}
