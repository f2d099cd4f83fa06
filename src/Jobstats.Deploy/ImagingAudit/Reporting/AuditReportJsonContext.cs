using System.Text.Json.Serialization;

namespace Jobstats.Deploy.ImagingAudit.Reporting;

/// <summary>Source-generated JSON for the report (NativeAOT: no reflection).</summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(AuditReport))]
internal sealed partial class AuditReportJsonContext : JsonSerializerContext;
