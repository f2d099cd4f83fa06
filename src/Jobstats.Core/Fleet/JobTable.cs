using System.Globalization;
using System.Text;
using Jobstats.Core.Config;
using Jobstats.Core.Formatting;
using Jobstats.Core.Rendering;
using Jobstats.Core.Text;

namespace Jobstats.Core.Fleet;

/// <summary>
/// Many jobs as one aligned table, coloured as the report colours its meters (figures below the red thresholds in red,
/// OUT_OF_MEMORY and TIMEOUT in bold red, headings bold) and plain without colour. Every field from sacct passes
/// <see cref="TerminalText"/> before it is measured or styled, so the columns line up and the only escape sequences
/// are the styling's.
/// </summary>
public sealed class JobTable(Thresholds thresholds, bool color)
{
    private readonly Styling _style = new(color);

    private static readonly string[] Headings = ["JobID", "User", "State", "Elapsed", "TimeEff", "CPUEff", "MemEff", "GPUEff", "GPUMem", "From"];
    private static readonly bool[] RightAligned = [false, false, false, true, true, true, true, true, true, false];

    /// <summary>The table, with a closing line that counts the jobs by where their figures came from.</summary>
    public string Render(IReadOnlyList<JobRow> rows, bool footer = true)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        Write(text, rows, footer);
        return text.ToString();
    }

    /// <summary>
    /// Writes the table row by row: one pass measures the columns, the second writes, so a table of 100,000 jobs is
    /// never held as text.
    /// </summary>
    public void Write(TextWriter output, IReadOnlyList<JobRow> rows, bool footer = true)
    {
        int[] widths = new int[Headings.Length];
        for (int c = 0; c < Headings.Length; c++) widths[c] = Headings[c].Length;
        // One array of cells, refilled for every row: the rows are measured, then written, without an array each.
        var cells = new (string, bool, bool)[Headings.Length];
        foreach (JobRow row in rows)
        {
            Cells(row, cells);
            for (int c = 0; c < cells.Length; c++) widths[c] = Math.Max(widths[c], cells[c].Item1.Length);
        }

        var line = new StringBuilder(256);
        for (int c = 0; c < Headings.Length; c++)
            AppendCell(line, c, widths, Headings[c], _style.Enabled ? Styling.BoldCode : null);
        output.Write(line.Append('\n'));
        foreach (JobRow row in rows)
        {
            line.Clear();
            Cells(row, cells);
            for (int c = 0; c < cells.Length; c++)
            {
                var (cell, red, bold) = cells[c];
                string? code = red && bold ? Styling.BoldCode + Styling.RedCode : red ? Styling.RedCode : null;
                AppendCell(line, c, widths, cell, _style.Enabled ? code : null);
            }
            output.Write(line.Append('\n'));
        }
        if (footer) output.Write(Footer(rows) + "\n");
    }

    private static void AppendCell(StringBuilder text, int column, int[] widths, string cell, string? code)
    {
        if (column > 0) text.Append("  ");
        int pad = widths[column] - cell.Length;
        bool last = column == widths.Length - 1;
        if (RightAligned[column]) text.Append(' ', pad);
        if (code is null) text.Append(cell);
        else text.Append(code).Append(cell).Append(Styling.NormalCode);
        if (!RightAligned[column] && !last) text.Append(' ', pad);
    }

    private void Cells(JobRow r, (string, bool, bool)[] cells)
    {
        bool finished = !r.Running && r.State != "PENDING";
        cells[0] = (TerminalText.Escape(r.JobId), false, false);
        cells[1] = (TerminalText.Escape(r.User), false, false);
        cells[2] = (TerminalText.Escape(r.State), r.State is "OUT_OF_MEMORY" or "TIMEOUT", r.State is "OUT_OF_MEMORY" or "TIMEOUT");
        cells[3] = (r.Started ? Units.HumanSeconds(r.ElapsedSeconds) : "-", false, false);
        cells[4] = Percent(r.TimeEfficiency, finished && r.State == "COMPLETED" && r.TimeEfficiency < thresholds.TimeEfficiencyRed);
        cells[5] = Percent(r.CpuEfficiency is double cpu ? (long)cpu : null, r.Gpus == 0 && r.CpuEfficiency < thresholds.CpuUtilRed);
        cells[6] = Percent(r.MemoryEfficiency, r.MemoryEfficiency < thresholds.CpuMemUtilRed);
        cells[7] = Percent(r.GpuUtilization, r.GpuUtilization < thresholds.GpuUtilRed);
        cells[8] = Percent(r.GpuMemory, r.GpuMemory < thresholds.GpuMemUtilRed);
        cells[9] = (SourceName(r.Source), false, false);
    }

    /// <summary>"0%" to "100%", the figures nearly every cell holds, made once.</summary>
    private static readonly string[] Percents = [.. Enumerable.Range(0, 101).Select(p => p.ToString(CultureInfo.InvariantCulture) + "%")];

    // The CPU column truncates as the report's CPU meter does (6.9 % shows as 6%); the JSON keeps the decimal.
    private static (string, bool, bool) Percent(long? value, bool red) => value switch
    {
        long v and >= 0 and <= 100 => (Percents[v], red, false),
        long v => (v.ToString(CultureInfo.InvariantCulture) + "%", red, false),
        _ => ("-", false, false),
    };

    private static string SourceName(RowSource source) => source switch
    {
        RowSource.Summary => "summary",
        RowSource.Accounting => "sacct",
        RowSource.Prometheus => "live",
        _ => "-",
    };

    private static string Footer(IReadOnlyList<JobRow> rows)
    {
        int summary = 0, accounting = 0, live = 0, none = 0;
        foreach (JobRow row in rows)
        {
            switch (row.Source)
            {
                case RowSource.Summary: summary++; break;
                case RowSource.Accounting: accounting++; break;
                case RowSource.Prometheus: live++; break;
                default: none++; break;
            }
        }
        var parts = new List<string>();
        if (summary > 0) parts.Add($"{summary} from stored summaries");
        if (accounting > 0) parts.Add($"{accounting} from Slurm accounting (\"sacct\": TotalCPU and MaxRSS, no GPU figures)");
        if (live > 0) parts.Add($"{live} running, measured so far through Prometheus (\"live\")");
        if (none > 0) parts.Add($"{none} without figures");
        string jobs = rows.Count == 1 ? "1 job" : $"{rows.Count} jobs";
        return parts.Count == 0 ? jobs : $"{jobs}: {string.Join("; ", parts)}.";
    }
}
