using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Jobstats.Summaries.Queue;

/// <summary>
/// One ended job waiting for its summary: which job, when it was queued, and how its attempts went so far. Stored as a
/// few "key value" lines, so an admin can read (and, in a pinch, write) one with a text editor.
/// </summary>
public sealed record QueueEntry(string JobIdRaw, string Cluster, long QueuedAt)
{
    private const string Header = "jobstats-summary-queue 1";

    /// <summary>The most an entry file can hold; anything longer is not one of ours.</summary>
    public const int MaxBytes = 4096;

    private const int MaxMessageLength = 300;

    public int Attempts { get; init; }
    /// <summary>Epoch seconds before which the service leaves the entry alone (0: at once).</summary>
    public long NextAttemptAt { get; init; }
    public FailureCause LastCause { get; init; }
    public string LastMessage { get; init; } = "";

    /// <summary>The file name: the raw id and the cluster, both checked to be plain, so no name can leave the spool.</summary>
    public string FileName => $"{JobIdRaw}@{Cluster}";

    public static bool IsValidJobIdRaw(string text) =>
        text.Length is > 0 and <= 20 && text.All(char.IsAsciiDigit) && text[0] != '0';

    public static bool IsValidCluster(string text) =>
        text.Length <= 64 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.') && !text.StartsWith('.');

    public QueueEntry Failed(FailureCause cause, string message, long nextAttemptAt) => this with
    {
        Attempts = Attempts + 1,
        NextAttemptAt = nextAttemptAt,
        LastCause = cause,
        LastMessage = OneLine(message),
    };

    public byte[] Format()
    {
        var text = new StringBuilder();
        text.Append(Header).Append('\n');
        text.Append("job ").Append(JobIdRaw).Append('\n');
        text.Append("cluster ").Append(Cluster).Append('\n');
        text.Append(CultureInfo.InvariantCulture, $"queued {QueuedAt}\n");
        text.Append(CultureInfo.InvariantCulture, $"attempts {Attempts}\n");
        text.Append(CultureInfo.InvariantCulture, $"next {NextAttemptAt}\n");
        text.Append("cause ").Append(LastCause.Name()).Append('\n');
        text.Append("message ").Append(LastMessage).Append('\n');
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Reads an entry file's text; a damaged one is refused with the reason, never half read.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out QueueEntry? entry, [NotNullWhen(false)] out string? problem)
    {
        entry = null;
        var lines = text.Split('\n');
        if (lines.Length == 0 || lines[0] != Header)
        {
            problem = "not a jobstats queue entry (first line)";
            return false;
        }
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in lines.Skip(1))
        {
            if (line.Length == 0) continue;
            int space = line.IndexOf(' ', StringComparison.Ordinal);
            string key = space < 0 ? line : line[..space];
            values[key] = space < 0 ? "" : line[(space + 1)..];
        }
        string job = values.GetValueOrDefault("job", "");
        string cluster = values.GetValueOrDefault("cluster", "");
        if (!IsValidJobIdRaw(job)) { problem = $"bad job id '{Shorten(job)}'"; return false; }
        if (!IsValidCluster(cluster)) { problem = $"bad cluster name '{Shorten(cluster)}'"; return false; }
        if (!TryNumber(values, "queued", out long queued) || !TryNumber(values, "attempts", out long attempts) ||
            !TryNumber(values, "next", out long next) || attempts > int.MaxValue)
        {
            problem = "a number field (queued, attempts, next) is missing or not a number";
            return false;
        }
        entry = new QueueEntry(job, cluster, queued)
        {
            Attempts = (int)attempts,
            NextAttemptAt = next,
            LastCause = FailureCauses.Parse(values.GetValueOrDefault("cause", "none")),
            LastMessage = OneLine(values.GetValueOrDefault("message", "")),
        };
        problem = null;
        return true;
    }

    private static bool TryNumber(Dictionary<string, string> values, string key, out long value) =>
        long.TryParse(values.GetValueOrDefault(key), NumberStyles.None, CultureInfo.InvariantCulture, out value);

    /// <summary>Messages quote sacct's and Prometheus' errors: one line, no control characters, bounded.</summary>
    private static string OneLine(string message)
    {
        var text = new StringBuilder(Math.Min(message.Length, MaxMessageLength));
        foreach (char c in message)
        {
            if (text.Length >= MaxMessageLength) break;
            text.Append(char.IsControl(c) ? ' ' : c);
        }
        return text.ToString();
    }

    private static string Shorten(string text) => OneLine(text.Length > 40 ? text[..40] + "…" : text);
}
