using System.Globalization;
using System.Text;
using Jobstats.Core.Formatting;
using Jobstats.Core.Model;
using Jobstats.Core.Text;

namespace Jobstats.Core.Timeline;

/// <summary>
/// A job's timeline as text: a heading, then one sparkline per series with its min/mean/max, the time axis under them.
/// Every percentage row shares the 0..100 scale so an idle GPU reads as a flat floor next to a busy one.
/// </summary>
public sealed class TimelineView(bool unicode, TimeZoneInfo zone)
{
    /// <summary>Characters before the plot: the series name, padded.</summary>
    public const int NameWidth = 8;
    /// <summary>Characters after the plot: "  min 100%  mean 100%  max 100%" or its byte form.</summary>
    public const int StatsWidth = 40;

    /// <summary>The plot columns that fit a terminal of <paramref name="width"/> characters (at least 10).</summary>
    public static int PlotColumns(int width) => Math.Max(10, width - NameWidth - 1 - StatsWidth);

    /// <summary>
    /// The single-job dashboard over the job's run, for the note under the timeline. Only shown while Prometheus
    /// still holds the job (the command refuses older jobs), so the link never opens on empty panels.
    /// </summary>
    public static string GrafanaLink(string grafanaUrl, JobRecord record, JobTimeline timeline) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{grafanaUrl}/d/jobstats-single-job/?var-cluster={Uri.EscapeDataString(record.Cluster)}&var-jobid={Uri.EscapeDataString(record.JobIdRaw)}" +
            $"&from={timeline.Start * 1000}&to={timeline.End * 1000}");

    public string Render(JobRecord record, JobTimeline timeline, string? grafanaUrl = null)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"Job {TerminalText.Escape(record.JobId)} ({TerminalText.Escape(record.User)}, {TerminalText.Escape(record.State)}) over {Units.HumanSeconds(timeline.End - timeline.Start)}");
        text.Append(CultureInfo.InvariantCulture, $", one column = {StepText(timeline.Step)}\n");
        foreach (TimelineSeries series in timeline.Series)
        {
            text.Append(TerminalText.Escape(series.Name).PadRight(NameWidth)).Append(' ');
            text.Append(Sparkline.Draw(series.Values, 0, series.Ceiling, unicode));
            text.Append(Stats(series)).Append('\n');
        }
        int columns = timeline.Series.Count == 0 ? 0 : timeline.Series.Max(s => s.Values.Count);
        string startText = AxisTime(timeline.Start);
        string endText = AxisTime(timeline.End);
        int gap = Math.Max(1, columns - startText.Length - endText.Length);
        text.Append(new string(' ', NameWidth + 1)).Append(startText).Append(' ', gap).Append(endText).Append('\n');
        if (grafanaUrl is not null)
            text.Append("\nIn Grafana while Prometheus keeps the job: ").Append(TerminalText.Escape(GrafanaLink(grafanaUrl, record, timeline))).Append('\n');
        return text.ToString();
    }

    private static string Stats(TimelineSeries series)
    {
        var values = series.Values.Where(v => v is { } x && double.IsFinite(x)).Select(v => v!.Value).ToList();
        if (values.Count == 0) return "  no samples";
        string F(double v) => series.Unit == TimelineUnit.Percent
            ? PythonNumbers.RoundToInteger(v).ToString(CultureInfo.InvariantCulture) + "%"
            : Units.HumanBytes(v);
        return $"  min {F(values.Min())}  mean {F(values.Average())}  max {F(values.Max())}";
    }

    private string AxisTime(long epochSeconds) =>
        TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(epochSeconds), zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string StepText(long step) =>
        step % 3600 == 0 ? $"{step / 3600} h" : step % 60 == 0 ? $"{step / 60} min" : $"{step} s";
}
