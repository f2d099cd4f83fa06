using System.Globalization;
using System.Text;
using Jobstats.Core.Config;
using Jobstats.Core.Efficiency;
using Jobstats.Core.Formatting;
using Jobstats.Core.Model;
using Jobstats.Core.Notes;
using Jobstats.Core.Text;

namespace Jobstats.Core.Rendering;

/// <summary>
/// The classic 80-column report: title, metadata, meters, per-node detail and notes. Headings are centred on their
/// plain text and styled afterwards, so coloured and plain reports line up the same way. Every text that comes from
/// data (sacct fields, node names, GPU ids, the batch script, figures printed in notes) passes
/// <see cref="TerminalText"/> on its way in, before any styling is added: the escape sequences of the styling are the
/// only ones a report may contain.
/// </summary>
public sealed class ClassicReport(JobstatsConfig config, ReportOptions options)
{
    private readonly Styling _style = new(options.Color);

    public string Render(JobAnalysis job, IReadOnlyList<IReadOnlyList<string>>? extraNotes = null)
    {
        var text = new StringBuilder(4096);
        text.Append('\n').Append(TextLayout.Rule).Append('\n');
        text.Append(TextLayout.Center("Slurm Job Statistics")).Append('\n');
        text.Append(TextLayout.Rule).Append('\n');
        AppendMetadata(text, job);
        text.Append('\n');

        if (job.HasUsage)
        {
            AppendHeading(text, "Overall Utilization");
            AppendOverall(text, job);
            text.Append('\n');
            AppendHeading(text, "Detailed Utilization");
            AppendDetail(text, job);
        }
        if (options.BatchScript is { } script)
        {
            AppendHeading(text, "Batch Script");
            text.Append(TerminalText.EscapeBlock(script.TrimEnd('\n'))).Append("\n\n");
        }
        AppendNotes(text, job, extraNotes ?? []);
        return text.ToString();
    }

    private void AppendHeading(StringBuilder text, string title) =>
        text.Append(_style.Bold(TextLayout.Center(title))).Append('\n').Append(TextLayout.Rule).Append('\n');

    private void AppendMetadata(StringBuilder text, JobAnalysis job)
    {
        JobRecord r = job.Record;
        string name = r.JobName.Length > config.MaxJobNameLength ? r.JobName[..config.MaxJobNameLength] + "..." : r.JobName;
        string state = r.State is "OUT_OF_MEMORY" or "TIMEOUT" ? _style.BoldRed(r.State) : Shown(r.State);
        Line(text, "Job ID", _style.Bold(Shown(options.DisplayJobId ?? r.JobId)));
        Line(text, "User/Account", $"{Shown(r.User)}/{Shown(r.Account)}");
        Line(text, "Job Name", Shown(name));
        Line(text, "State", state);
        Line(text, "Nodes", Invariant(r.Nodes));
        Line(text, "CPU Cores", Invariant(r.Cores));
        Line(text, "CPU Memory", Shown(Units.CpuMemory(r.ReqMem, r.Cores)));
        if (r.Gpus > 0) Line(text, "GPUs", Invariant(r.Gpus));
        Line(text, "QOS/Partition", $"{Shown(r.Qos)}/{Shown(r.Partition)}");
        Line(text, "Cluster", Shown(r.Cluster));
        if (r.Start is long start) Line(text, "Start Time", FormatStart(start, options.TimeZone));
        Line(text, "Run Time", Units.HumanSeconds(job.RunSeconds) + (r.IsRunning ? " (in progress)" : ""));
        string limit = r.TimeLimitMinutes is long minutes ? Units.HumanSeconds(minutes * 60) : Shown(r.TimeLimitText);
        bool red = job.TimeLimitFarAboveRunTime && job.TimeEfficiency < config.Thresholds.TimeEfficiencyRed;
        Line(text, "Time Limit", red ? _style.BoldRed(limit) : limit);
    }

    /// <summary>"Tue Oct 29, 2024 at 10:35 AM" in the given zone.</summary>
    public static string FormatStart(long epochSeconds, TimeZoneInfo zone)
    {
        DateTimeOffset local = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(epochSeconds), zone);
        return local.ToString("ddd MMM d, yyyy 'at' h:mm tt", CultureInfo.InvariantCulture);
    }

    private static void Line(StringBuilder text, string label, string value) =>
        text.Append(label.PadLeft(15)).Append(": ").Append(value).Append('\n');

    private void AppendOverall(StringBuilder text, JobAnalysis job)
    {
        var t = config.Thresholds;
        int gpus = job.Record.Gpus;
        text.Append("  CPU utilization  ").Append(job.Cpu.Error == UsageError.None
            ? DrawMeter(job.CpuMeterPercent, gpus == 0 && job.CpuMeterPercent < t.CpuUtilRed)
            : ErrorTexts.Cpu(job.Cpu.Error)).Append('\n');
        text.Append("  CPU memory usage ").Append(job.Memory.Error == UsageError.None
            ? DrawMeter(job.MemoryPercent, job.MemoryPercent < t.CpuMemUtilRed)
            : ErrorTexts.Memory(job.Memory.Error)).Append('\n');
        if (job.Gpu is { } gpu)
            text.Append("  GPU utilization  ").Append(gpu.Error == UsageError.None
                ? DrawMeter(job.GpuPercent, job.GpuPercent < t.GpuUtilRed)
                : ErrorTexts.Gpu(gpu.Error)).Append('\n');
        if (job.GpuMemory is { } gpuMemory)
            text.Append("  GPU memory usage ").Append(gpuMemory.Error == UsageError.None
                ? DrawMeter(job.GpuMemoryPercent, job.GpuMemoryPercent < t.GpuMemUtilRed)
                : ErrorTexts.GpuMemory(gpuMemory.Error)).Append('\n');
    }

    private string DrawMeter(long percent, bool red)
    {
        if (!_style.Enabled) return Meter.Draw(percent);
        var (bars, spaces, label) = Meter.Parts(percent);
        string body = red ? Styling.RedCode + bars + spaces + Styling.BoldCode + Styling.RedCode + label : bars + spaces + label;
        return _style.Bold("[") + body + Styling.NormalCode + _style.Bold("]");
    }

    private void AppendDetail(StringBuilder text, JobAnalysis job)
    {
        bool multiNode = job.Record.Nodes != 1;
        text.Append("  CPU utilization per node (CPU time used/run time)\n");
        if (job.Cpu.Error != UsageError.None)
            text.Append("      Could not be computed: ").Append(ErrorTexts.Cpu(job.Cpu.Error).Trim('(', ')')).Append('\n');
        else
        {
            foreach (NodeCpu node in job.Cpu.Nodes)
            {
                text.Append("      ").Append(Shown(node.Node)).Append(": ").Append(Units.HumanSeconds(node.UsedSeconds)).Append('/')
                    .Append(Units.HumanSeconds(node.AllocatedSeconds)).Append(" (efficiency=")
                    .Append(Percent(node.UsedSeconds, node.AllocatedSeconds)).Append("%)");
                if (node.UsedSeconds == 0) text.Append(' ').Append(_style.BoldRed("<-- CPU node was not used"));
                text.Append('\n');
            }
            if (multiNode)
                text.Append("  Total used/runtime: ").Append(Units.HumanSeconds(job.Cpu.Used)).Append('/')
                    .Append(Units.HumanSeconds(job.Cpu.Allocated)).Append(", efficiency=")
                    .Append(Percent(job.Cpu.Used, job.Cpu.Allocated)).Append("%\n");
        }
        text.Append('\n');

        text.Append("  CPU memory usage per node - used/allocated\n");
        if (job.Memory.Error != UsageError.None)
            text.Append("      Could not be computed: ").Append(ErrorTexts.Memory(job.Memory.Error).Trim('(', ')')).Append('\n');
        else
        {
            foreach (NodeMemory node in job.Memory.Nodes)
            {
                text.Append("      ").Append(Shown(node.Node)).Append(": ").Append(Units.HumanBytes(node.Used)).Append('/')
                    .Append(StripZeroGb(Units.HumanBytes(node.Allocated)));
                // One-core jobs end the line after the allocation, trailing space included, as the classic layout does.
                if (job.Record.Cores == 1) text.Append(' ');
                else
                    text.Append(" (").Append(Units.HumanBytes(node.Used / node.Cores)).Append('/')
                        .Append(StripZeroGb(Units.HumanBytes(node.Allocated / node.Cores))).Append(" per core of ")
                        .Append(Count(node.Cores)).Append(')');
                text.Append('\n');
            }
            if (multiNode)
                text.Append("  Total used/allocated: ").Append(Units.HumanBytes(job.Memory.Used)).Append('/')
                    .Append(Units.HumanBytes(job.Memory.Allocated)).Append(" (")
                    .Append(Units.HumanBytes(job.Memory.Used / job.Memory.Cores)).Append('/')
                    .Append(StripZeroGb(Units.HumanBytes(job.Memory.Allocated / job.Memory.Cores))).Append(" per core of ")
                    .Append(Count(job.Memory.Cores)).Append(")\n");
        }
        text.Append('\n');

        if (job.Gpu is { } gpu)
        {
            text.Append("  GPU utilization per node\n");
            if (gpu.Error != UsageError.None)
                text.Append("      Could not be computed: ").Append(ErrorTexts.Gpu(gpu.Error).Trim('(', ')')).Append('\n');
            foreach (GpuUtilizationSample sample in gpu.Gpus)
            {
                text.Append("      ").Append(Shown(sample.Node)).Append(" (GPU ").Append(Shown(sample.Minor)).Append("): ");
                if (sample.Utilization.Value == 0) text.Append("0% ").Append(_style.BoldRed("<-- GPU was not used"));
                else text.Append(sample.Utilization.ToString()).Append('%');
                text.Append('\n');
            }
            text.Append('\n');
        }
        if (job.GpuMemory is { } gpuMemory)
        {
            text.Append("  GPU memory usage per node - maximum used/total\n");
            if (gpuMemory.Error == UsageError.MissingData)
                text.Append("      Could not be computed: ").Append(ErrorTexts.GpuMemory(gpuMemory.Error).Trim('(', ')')).Append('\n');
            foreach (GpuMemorySample sample in gpuMemory.Gpus)
                text.Append("      ").Append(Shown(sample.Node)).Append(" (GPU ").Append(Shown(sample.Minor)).Append("): ")
                    .Append(Units.HumanBytes(sample.Used)).Append('/').Append(StripZeroGb(Units.HumanBytes(sample.Total)))
                    .Append(" (").Append(Percent(sample.Used, sample.Total)).Append("%)\n");
            text.Append('\n');
        }
        // Only jobs whose GPUs report GPM (Hopper and newer) get this section; other reports stay as they were.
        if (job.GpuActivity.Count > 0)
        {
            text.Append("  GPU activity per node - SM active, tensor active, DRAM bandwidth\n");
            foreach (GpuActivitySample sample in job.GpuActivity)
            {
                text.Append("      ").Append(Shown(sample.Node)).Append(" (GPU ").Append(Shown(sample.Minor)).Append("): ");
                var parts = new List<string>(3);
                if (sample.SmActive is { } sm) parts.Add($"SM {sm}%");
                if (sample.TensorActive is { } tensor) parts.Add($"tensor {tensor}%");
                if (sample.DramActive is { } dram) parts.Add($"DRAM {dram}%");
                text.Append(string.Join(", ", parts)).Append('\n');
            }
            text.Append('\n');
        }
    }

    private void AppendNotes(StringBuilder text, JobAnalysis job, IReadOnlyList<IReadOnlyList<string>> extraNotes)
    {
        var notes = new List<(NoteStyle Style, IReadOnlyList<string> Items)>();
        foreach (var extra in extraNotes) notes.Add((NoteStyle.Normal, extra.Select(Shown).ToList()));
        if (job.HasUsage && !job.AllFiguresValid)
        {
            if (job.Cpu.Error != UsageError.None) notes.Add((NoteStyle.Normal, ["The CPU utilization could not be determined."]));
            if (job.Memory.Error != UsageError.None) notes.Add((NoteStyle.Normal, ["The CPU memory usage could not be determined."]));
            if (job.Gpu is { Error: not UsageError.None }) notes.Add((NoteStyle.Normal, ["The GPU utilization could not be determined."]));
            if (job.GpuMemory is { Error: not UsageError.None }) notes.Add((NoteStyle.Normal, ["The GPU memory usage could not be determined."]));
            notes.Add((NoteStyle.Normal, ["Other notes are not shown while figures are missing."]));
        }
        else if (job.HasUsage)
        {
            // Rules test the exact figures; what they print is escaped like the rest of the report.
            var figures = JobFigures.From(job, config);
            var shownFigures = figures.ToDictionary(f => f.Key, f => f.Value.Text is { } t ? FigureValue.Of(Shown(t)) : f.Value, StringComparer.Ordinal);
            foreach (NoteRule rule in config.NoteRules)
                if (rule.Fires(figures)) notes.Add((rule.Style, rule.Render(shownFigures)));
        }
        if (notes.Count == 0) return;

        AppendHeading(text, "Notes");
        foreach (var (style, items) in notes)
        {
            string note = NoteFormatter.Format(items);
            string body = note.TrimEnd('\n');
            string ending = note[body.Length..];
            text.Append(style switch
            {
                NoteStyle.BoldRed => _style.BoldRed(body),
                NoteStyle.Bold => _style.Bold(body),
                _ => body,
            }).Append(ending);
        }
    }

    private static string Shown(string data) => TerminalText.Escape(data);

    private static string StripZeroGb(string text) => text.Replace(".0GB", "GB");

    private static string Percent(double used, double allocated) =>
        PythonNumbers.Fixed(allocated > 0 ? 100 * used / allocated : 0, 1);

    private static string Count(double value) =>
        value == Math.Floor(value) ? ((long)value).ToString(CultureInfo.InvariantCulture) : PythonNumbers.FloatRepr(value);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
