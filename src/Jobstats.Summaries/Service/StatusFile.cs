using System.Globalization;
using System.Text;

namespace Jobstats.Summaries.Service;

/// <summary>
/// The service's own figures, rewritten atomically after each round as "key value" lines in <c>SPOOL/status</c>, so
/// <c>jobstats summaries status</c> can show them without talking to the service.
/// </summary>
public static class StatusFile
{
    public const string Name = "status";
    private const int MaxBytes = 16384;

    public static void Write(string spool, ServiceHealth health, int processId)
    {
        var text = new StringBuilder();
        void Line(string key, object value) => text.Append(key).Append(' ').Append(Convert.ToString(value, CultureInfo.InvariantCulture)).Append('\n');
        Line("pid", processId);
        Line("started", health.StartedAt);
        Line("last_round", health.LastRoundAt);
        Line("last_round_seconds", Math.Round(health.LastRoundSeconds, 3));
        Line("rounds", health.Rounds);
        Line("stored_usage", health.Stored("usage"));
        Line("stored_short", health.Stored("short"));
        Line("stored_none", health.Stored("none"));
        Line("nothing_to_do", health.NothingToDo);
        Line("gave_up", health.GaveUp);
        foreach (var cause in Queue.FailureCauses.All) Line("failures_" + Queue.FailureCauses.Name(cause), health.Failures(cause));
        Line("last_backfill", health.LastBackfillAt);
        Line("backfill_queued", health.BackfillQueued);
        Line("last_backfill_problem", health.LastBackfillProblem.ReplaceLineEndings(" "));
        string path = Path.Combine(spool, Name);
        string temp = Path.Combine(spool, "tmp", $"{Name}.{processId}.tmp");
        File.WriteAllText(temp, text.ToString());
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>The last figures written, or null when the service has never run here.</summary>
    public static IReadOnlyDictionary<string, string>? Read(string spool)
    {
        string path = Path.Combine(spool, Name);
        if (!File.Exists(path)) return null;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
        var buffer = new byte[MaxBytes];
        int length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in Encoding.UTF8.GetString(buffer, 0, length).Split('\n'))
        {
            int space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0) values[line[..space]] = line[(space + 1)..];
        }
        return values;
    }
}
