using System.Globalization;
using System.Text;
using Jobstats.Core.Text;

namespace Jobstats.Core.Waste;

/// <summary>
/// The waste report as terminal text: a table per user and per account, worst first. Names come from Slurm and are
/// escaped; the time zone is a parameter (Core reads no clock or environment).
/// </summary>
public static class WasteText
{
    public static string Render(WasteReport report, TimeZoneInfo zone)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Waste report for cluster {TerminalText.Escape(report.Cluster)}: jobs that ended from ")
            .Append(Time(report.Since, zone)).Append(" to ").Append(Time(report.Until, zone)).Append('\n');
        var t = report.Total;
        text.Append(CultureInfo.InvariantCulture, $"{t.Jobs} jobs, {t.JobsWithoutData} without a stored summary (counted as allocated only). ")
            .Append(CultureInfo.InvariantCulture, $"GPU-hours: {Hours(t.GpuHours)} allocated, {Hours(t.GpuHoursUsed)} used, {Hours(t.GpuHoursIdle)} at 0%. ")
            .Append(CultureInfo.InvariantCulture, $"CPU-hours: {Hours(t.CpuHours)} allocated, {Hours(t.CpuHoursUnused)} unused.\n");
        string order = report.Rules.Count == 0 ? "" : $", worst first by \"{report.Rules[report.SortRule].Title}\"";
        text.Append('\n').Append("By user").Append(order).Append(":\n");
        Table(text, "USER", report.ByUser, report);
        text.Append('\n').Append("By account").Append(order).Append(":\n");
        Table(text, "ACCOUNT", report.ByAccount, report);
        if (report.Rules.Count > 0)
        {
            text.Append("\nRule columns, amount (jobs):\n");
            foreach (var r in report.Rules)
                text.Append(CultureInfo.InvariantCulture,
                    $"  {r.Title}: {r.Amount} of jobs where {(r.When.Count == 0 ? "always" : string.Join(" and ", r.When.Select(c => c.Source)))}\n");
        }
        return text.ToString();
    }

    /// <summary>The lines of one user's row, for the letter to that user: label, value, one a line.</summary>
    public static string UserLines(WasteReport report, WasteRow row)
    {
        var lines = new StringBuilder();
        void Line(string label, string value) => lines.Append("  ").Append(label.PadRight(32)).Append(value).Append('\n');
        Line("jobs", row.Jobs.ToString(CultureInfo.InvariantCulture));
        if (row.GpuHours > 0)
        {
            Line("GPU-hours allocated", Hours(row.GpuHours));
            Line("GPU-hours used", Hours(row.GpuHoursUsed));
            Line("GPU-hours at 0% utilisation", Hours(row.GpuHoursIdle));
        }
        Line("CPU-hours allocated", Hours(row.CpuHours));
        Line("CPU-hours unused", Hours(row.CpuHoursUnused));
        for (int i = 0; i < report.Rules.Count; i++)
            if (row.RuleJobs[i] > 0) Line(report.Rules[i].Title, Cell(row, i));
        var worst = report.Jobs.Where(j => j.Record.User == row.Name && j.Rules.Count > 0)
            .OrderByDescending(j => j.Amounts.GpuHoursIdle ?? 0).ThenByDescending(j => j.Amounts.CpuHoursUnused ?? 0)
            .ThenBy(j => j.Record.JobId, StringComparer.Ordinal).Take(10).ToList();
        if (worst.Count > 0)
        {
            lines.Append("\n  Jobs that counted (at most 10):\n");
            foreach (var job in worst)
                lines.Append("  ").Append(job.Record.JobId.PadRight(14)).Append(string.Join(", ", job.Rules)).Append('\n');
        }
        return TerminalText.EscapeBlock(lines.ToString().TrimEnd('\n'));
    }

    private static void Table(StringBuilder text, string first, IReadOnlyList<WasteRow> rows, WasteReport report)
    {
        var header = new List<string> { first, "JOBS", "GPU-h", "GPU-h used", "GPU-h at 0%", "CPU-h", "CPU-h unused" };
        header.AddRange(report.Rules.Select(r => r.Title));
        var cells = rows.Select(r =>
        {
            var row = new List<string>
            {
                TerminalText.Escape(r.Name), r.Jobs.ToString(CultureInfo.InvariantCulture), Hours(r.GpuHours), Hours(r.GpuHoursUsed),
                Hours(r.GpuHoursIdle), Hours(r.CpuHours), Hours(r.CpuHoursUnused),
            };
            for (int i = 0; i < report.Rules.Count; i++) row.Add(Cell(r, i));
            return row;
        }).ToList();
        int[] widths = [.. header.Select((h, i) => Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(c => c[i].Length)))];
        void Write(IReadOnlyList<string> values)
        {
            var line = new StringBuilder("  ");
            for (int i = 0; i < values.Count; i++)
            {
                if (i > 0) line.Append("  ");
                line.Append(i == 0 ? values[i].PadRight(widths[i]) : values[i].PadLeft(widths[i]));
            }
            text.Append(line.ToString().TrimEnd()).Append('\n');
        }
        Write(header);
        foreach (var row in cells) Write(row);
        if (cells.Count == 0) text.Append("  (no jobs)\n");
    }

    private static string Cell(WasteRow row, int rule) =>
        row.RuleJobs[rule] == 0 ? "-" : $"{Hours(row.RuleAmounts[rule])} ({row.RuleJobs[rule].ToString(CultureInfo.InvariantCulture)})";

    internal static string Hours(double hours) => hours.ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>A time as the report prints it: local wall-clock minutes in <paramref name="zone"/>.</summary>
    public static string Time(long epoch, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(epoch), zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
