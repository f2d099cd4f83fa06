using System.Text.Json;
using System.Text.Json.Serialization;

namespace Jobstats.Core.Waste;

public sealed record WasteJsonRule(string Name, string Title, IReadOnlyList<string> When, string Amount);
public sealed record WasteJsonRuleTotal(int Jobs, double Amount);
public sealed record WasteJsonRow(string Name, int Jobs, int JobsWithoutData, double GpuHours, double GpuHoursUsed, double GpuHoursIdle,
    double CpuHours, double CpuHoursUnused, IReadOnlyDictionary<string, WasteJsonRuleTotal> Rules);
public sealed record WasteJsonDocument(string Cluster, long Since, long Until, string SortBy, IReadOnlyList<WasteJsonRule> Rules,
    WasteJsonRow Total, IReadOnlyList<WasteJsonRow> ByUser, IReadOnlyList<WasteJsonRow> ByAccount);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(WasteJsonDocument))]
internal sealed partial class WasteJsonContext : JsonSerializerContext;

/// <summary>The waste report as one JSON document (<c>--format json</c>); times in epoch seconds, hours rounded to 0.001.</summary>
public static class WasteJson
{
    public static string Render(WasteReport report)
    {
        WasteJsonRow Row(WasteRow r) => new(r.Name, r.Jobs, r.JobsWithoutData, Round(r.GpuHours), Round(r.GpuHoursUsed), Round(r.GpuHoursIdle),
            Round(r.CpuHours), Round(r.CpuHoursUnused),
            report.Rules.Select((rule, i) => (rule.Name, Total: new WasteJsonRuleTotal(r.RuleJobs[i], Round(r.RuleAmounts[i]))))
                .ToDictionary(x => x.Name, x => x.Total, StringComparer.Ordinal));
        var document = new WasteJsonDocument(report.Cluster, report.Since, report.Until,
            report.Rules.Count == 0 ? "" : report.Rules[report.SortRule].Name,
            [.. report.Rules.Select(r => new WasteJsonRule(r.Name, r.Title, [.. r.When.Select(c => c.Source)], r.Amount))],
            Row(report.Total), [.. report.ByUser.Select(Row)], [.. report.ByAccount.Select(Row)]);
        return JsonSerializer.Serialize(document, WasteJsonContext.Default.WasteJsonDocument) + "\n";
    }

    private static double Round(double value) => Math.Round(value, 3);
}
