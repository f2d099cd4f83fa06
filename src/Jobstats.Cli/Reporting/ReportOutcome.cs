using System.Diagnostics.CodeAnalysis;
using Jobstats.Core.Rendering;

namespace Jobstats.Cli.Reporting;

/// <summary>What reporting one job id produced: text for stdout, a JSON report, or an error for stderr.</summary>
internal sealed record ReportOutcome([property: MemberNotNullWhen(false, nameof(ReportOutcome.Error))] bool Success, string? Output, JsonJobReport? Json, string? Error)
{
    public static ReportOutcome Failed(string error) => new(false, null, null, error);
}
