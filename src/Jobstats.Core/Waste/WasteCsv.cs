using System.Globalization;
using System.Text;
using Jobstats.Core.Text;

namespace Jobstats.Core.Waste;

/// <summary>
/// The waste report as CSV (RFC 4180): one row per user, then one per account, with a <c>group</c> column. Names are
/// quoted when needed and their control characters escaped, so the file is safe to cat as well as to load.
/// </summary>
public static class WasteCsv
{
    public static string Render(WasteReport report)
    {
        var csv = new StringBuilder();
        var header = new List<string> { "group", "name", "jobs", "jobs_without_data", "gpu_hours", "gpu_hours_used", "gpu_hours_idle", "cpu_hours", "cpu_hours_unused" };
        foreach (var rule in report.Rules) { header.Add(rule.Name + "_jobs"); header.Add(rule.Name + "_" + rule.Amount); }
        csv.Append(string.Join(',', header.Select(Field))).Append("\r\n");
        foreach (var (group, rows) in new[] { ("user", report.ByUser), ("account", report.ByAccount) })
        {
            foreach (var row in rows)
            {
                var values = new List<string>
                {
                    group, row.Name, Int(row.Jobs), Int(row.JobsWithoutData), Number(row.GpuHours), Number(row.GpuHoursUsed),
                    Number(row.GpuHoursIdle), Number(row.CpuHours), Number(row.CpuHoursUnused),
                };
                for (int i = 0; i < report.Rules.Count; i++) { values.Add(Int(row.RuleJobs[i])); values.Add(Number(row.RuleAmounts[i])); }
                csv.Append(string.Join(',', values.Select(Field))).Append("\r\n");
            }
        }
        return csv.ToString();
    }

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
    private static string Number(double value) => Math.Round(value, 3).ToString("0.###", CultureInfo.InvariantCulture);

    private static string Field(string value)
    {
        value = TerminalText.Escape(value);
        return value.AsSpan().IndexOfAny(",\"") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
