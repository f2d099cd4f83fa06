using System.Globalization;
using System.Text;
using Jobstats.Core.Config;
using Jobstats.Core.Rendering;
using Jobstats.Core.Text;

namespace Jobstats.Core.Fleet;

/// <summary>
/// An array job at a glance: how many tasks ended in which state, how their CPU, memory, time and GPU efficiencies are
/// spread (a histogram of ten bins each, 0-9 % … 90-100 %), and the worst tasks in the table's layout. Bars are block
/// characters on a terminal and '#' otherwise, so piped output stays ASCII.
/// </summary>
public sealed class ArrayGlance(Thresholds thresholds, bool color)
{
    private const int BarWidth = 40;
    private const int WorstShown = 5;
    private readonly Styling _style = new(color);

    public string Render(string arrayId, IReadOnlyList<JobRow> tasks)
    {
        var text = new StringBuilder();
        text.Append(_style.Bold($"Array job {TerminalText.Escape(arrayId)}: {Count(tasks.Sum(t => TasksIn(t.JobId)), "task")}")).Append('\n');
        text.Append('\n').Append(_style.Bold("States")).Append('\n');
        foreach (var (state, count) in tasks.GroupBy(t => t.State, StringComparer.Ordinal)
                     .Select(g => (g.Key, g.Sum(t => TasksIn(t.JobId)))).OrderByDescending(s => s.Item2).ThenBy(s => s.Key, StringComparer.Ordinal))
        {
            string name = TerminalText.Escape(state).PadRight(14);
            text.Append("  ").Append(state is "OUT_OF_MEMORY" or "TIMEOUT" or "FAILED" ? _style.BoldRed(name) : name)
                .Append(count.ToString(CultureInfo.InvariantCulture).PadLeft(7)).Append('\n');
        }

        Histogram(text, "CPU efficiency", tasks.Select(t => t.CpuEfficiency), thresholds.CpuUtilRed);
        Histogram(text, "Memory efficiency", tasks.Select(t => (double?)t.MemoryEfficiency), thresholds.CpuMemUtilRed);
        Histogram(text, "Time efficiency", tasks.Select(t => (double?)t.TimeEfficiency), thresholds.TimeEfficiencyRed);
        if (tasks.Any(t => t.Gpus > 0))
            Histogram(text, "GPU utilization", tasks.Select(t => (double?)t.GpuUtilization), thresholds.GpuUtilRed);

        Worst(text, "lowest CPU efficiency", tasks.Where(t => t.CpuEfficiency is not null).OrderBy(t => t.CpuEfficiency));
        if (tasks.Any(t => t.GpuUtilization is not null))
            Worst(text, "lowest GPU utilization", tasks.Where(t => t.GpuUtilization is not null).OrderBy(t => t.GpuUtilization));
        Worst(text, "lowest memory efficiency", tasks.Where(t => t.MemoryEfficiency is not null).OrderBy(t => t.MemoryEfficiency));
        return text.ToString();
    }

    private void Histogram(StringBuilder text, string title, IEnumerable<double?> values, double red)
    {
        var known = values.OfType<double>().ToList();
        text.Append('\n');
        if (known.Count == 0)
        {
            text.Append(_style.Bold(title)).Append(": no task has this figure\n");
            return;
        }
        known.Sort();
        double median = known.Count % 2 == 1 ? known[known.Count / 2] : (known[known.Count / 2 - 1] + known[known.Count / 2]) / 2;
        text.Append(_style.Bold(title)).Append(string.Create(CultureInfo.InvariantCulture,
            $" ({Count(known.Count, "task")}; min {known[0]:0}%, median {median:0}%, max {known[^1]:0}%)")).Append('\n');
        int[] bins = new int[10];
        foreach (double v in known) bins[Math.Clamp((int)(v / 10), 0, 9)]++;
        int most = bins.Max();
        for (int b = 0; b < bins.Length; b++)
        {
            string label = b == 9 ? "90-100%" : $"{b * 10}-{b * 10 + 9}%";
            string bar = Bar(bins[b], most);
            text.Append("  ").Append(label.PadLeft(7)).Append(" |");
            text.Append(b * 10 + 9 < red && bins[b] > 0 ? _style.Red(bar) : bar);
            text.Append(' ', BarWidth - Width(bar)).Append(' ').Append(bins[b].ToString(CultureInfo.InvariantCulture).PadLeft(6)).Append('\n');
        }
    }

    // Eighths of a cell on a terminal, for bars that differ by less than one character.
    private static readonly string[] Eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];

    private string Bar(int count, int most)
    {
        if (count == 0 || most == 0) return "";
        double cells = (double)count / most * BarWidth;
        if (!_style.Enabled) return new string('#', Math.Max(1, (int)Math.Round(cells, MidpointRounding.AwayFromZero)));
        int whole = (int)cells;
        int eighths = (int)((cells - whole) * 8);
        if (whole == 0 && eighths == 0) eighths = 1;
        return new string('█', whole) + Eighths[eighths];
    }

    private static int Width(string bar) => bar.Length;

    private void Worst(StringBuilder text, string what, IEnumerable<JobRow> ordered)
    {
        var worst = ordered.Take(WorstShown).ToList();
        if (worst.Count == 0) return;
        text.Append('\n').Append(_style.Bold($"Worst tasks by {what}")).Append('\n');
        text.Append(new JobTable(thresholds, _style.Enabled).Render(worst, footer: false));
    }

    /// <summary>
    /// How many tasks a row stands for: one, or for the row sacct keeps for tasks not yet started
    /// (<c>123_[5-9,12%2]</c>) the number its ranges name.
    /// </summary>
    public static int TasksIn(string jobId)
    {
        int open = jobId.IndexOf("_[", StringComparison.Ordinal);
        if (open < 0 || !jobId.EndsWith(']')) return 1;
        string list = jobId[(open + 2)..^1];
        int percent = list.IndexOf('%');
        if (percent >= 0) list = list[..percent];
        int count = 0;
        foreach (string part in list.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] ends = part.Split('-');
            if (ends.Length == 2 && int.TryParse(ends[0], NumberStyles.None, CultureInfo.InvariantCulture, out int first) &&
                int.TryParse(ends[1], NumberStyles.None, CultureInfo.InvariantCulture, out int last) && last >= first)
                count += last - first + 1;
            else count++;
        }
        return Math.Max(1, count);
    }

    private static string Count(int n, string noun) =>
        n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? noun : noun + "s");
}
