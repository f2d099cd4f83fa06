using System.Globalization;
using System.Text;
using Jobstats.Summaries.Queue;

namespace Jobstats.Summaries.Service;

/// <summary>The text of <c>jobstats summaries status</c>: the queue as it is now, then the service's last figures.</summary>
public static class StatusText
{
    public static string Render(string spool, QueueFigures queue, IReadOnlyDictionary<string, string>? service, long now)
    {
        var text = new StringBuilder();
        void Row(string label, string value) => text.Append("  ").Append(label.PadRight(22)).Append(value).Append('\n');
        text.Append("Summary queue ").Append(spool).Append('\n');
        Row("queued jobs", queue.Entries.ToString(CultureInfo.InvariantCulture));
        Row("oldest entry", queue.Entries == 0 ? "-" : Age(queue.OldestAgeSeconds) + " old");
        Row("waiting on", queue.WaitingBy.Count == 0 ? "-"
            : string.Join(", ", queue.WaitingBy.OrderByDescending(w => w.Value).Select(w => $"{w.Key.Name()} {w.Value}")));
        Row("bad entries", queue.Bad == 0 ? "0" : $"{queue.Bad} (kept in {Path.Combine(spool, "bad")})");
        if (service is null)
        {
            text.Append("Summary service: has not run here (no status file)\n");
            return text.ToString();
        }
        string Get(string key) => service.TryGetValue(key, out string? v) ? v : "0";
        long Number(string key) => long.TryParse(Get(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) ? v : 0;
        text.Append(CultureInfo.InvariantCulture, $"Summary service (pid {Get("pid")}, last round {Age(now - Number("last_round"))} ago)\n");
        long usage = Number("stored_usage"), shortJobs = Number("stored_short"), none = Number("stored_none");
        Row("stored since start", $"{usage + shortJobs + none} (usage {usage}, short {shortJobs}, none {none})");
        var failures = FailureCauses.All.Select(c => (c, Number("failures_" + c.Name()))).Where(f => f.Item2 > 0).ToList();
        Row("failed attempts", failures.Count == 0 ? "0" : string.Join(", ", failures.Select(f => $"{f.c.Name()} {f.Item2}")));
        Row("gave up", Get("gave_up"));
        long backfill = Number("last_backfill");
        Row("last backfill", backfill == 0 ? "not yet" : $"{Age(now - backfill)} ago, {Get("backfill_queued")} queued since start" +
            (Get("last_backfill_problem") is { Length: > 0 } p && p != "0" ? $" (failed: {Core.Text.TerminalText.Escape(p)})" : ""));
        return text.ToString();
    }

    private static string Age(long seconds)
    {
        seconds = Math.Max(0, seconds);
        if (seconds < 60) return $"{seconds} s";
        if (seconds < 3600) return $"{seconds / 60} min {seconds % 60} s";
        if (seconds < 86400) return $"{seconds / 3600} h {seconds % 3600 / 60} min";
        return $"{seconds / 86400} d {seconds % 86400 / 3600} h";
    }
}
