using System.Text.RegularExpressions;
using Jobstats.Core.Text;

namespace Jobstats.Slurm.Queue;

/// <summary>
/// Reads <c>squeue --noheader --format=%A|%u|%a|%P</c>. Every value becomes a Prometheus label, so each must have the
/// shape Slurm gives it: a job id is digits (or a SLUID, the form the exporters use for the same job), a user,
/// account or partition name is 1–64 characters of letters, digits and <c>. _ - @ + $</c> (squeue's <c>(null)</c>
/// for a job without an account too). Anything else (a quote, a brace, white space, control characters, a fifth
/// field, an overlong line) refuses the line, never the answer; a job id seen twice keeps its first line, since a
/// label set written twice would fail the whole scrape.
/// </summary>
public static partial class SqueueParser
{
    /// <summary>The format squeue is asked for; <c>%A</c> is the id of each array task itself, as the nodes see it.</summary>
    public const string Format = "%A|%u|%a|%P";

    /// <summary>Refused lines quoted in the log; the rest are only counted.</summary>
    public const int MaxRefusedQuoted = 5;

    /// <summary>No squeue line of ours is longer; a longer one is refused unread.</summary>
    public const int MaxLineLength = 400;

    public static SqueueListing Parse(string output)
    {
        var jobs = new List<RunningJob>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var refused = new List<string>();
        int refusedLines = 0;
        int lineNumber = 0;
        foreach (var raw in output.AsSpan().EnumerateLines())
        {
            lineNumber++;
            var line = raw.TrimEnd('\r');
            if (line.IsWhiteSpace()) continue;
            RunningJob? job = null;
            string? problem = line.Length > MaxLineLength ? $"longer than {MaxLineLength} characters" : Read(line.ToString(), out job);
            if (job is not null && !seen.Add(job.JobId)) problem = $"job {job.JobId} listed twice";
            else if (job is not null)
            {
                jobs.Add(job);
                continue;
            }
            refusedLines++;
            if (refused.Count < MaxRefusedQuoted) refused.Add($"line {lineNumber}: {problem}");
        }
        return new SqueueListing(jobs, refusedLines, refused);
    }

    private static string? Read(string line, out RunningJob? job)
    {
        job = null;
        string[] fields = line.Split('|');
        if (fields.Length != 4) return $"{fields.Length} fields, not 4: \"{Quote(line)}\"";
        if (!JobId().IsMatch(fields[0])) return $"job id \"{Quote(fields[0])}\" is not a Slurm job id";
        string[] names = ["user", "account", "partition"];
        for (int i = 1; i < 4; i++)
            if (!Name().IsMatch(fields[i])) return $"{names[i - 1]} \"{Quote(fields[i])}\" of job {fields[0]} is not a Slurm name";
        job = new RunningJob(fields[0], fields[1], fields[2], fields[3]);
        return null;
    }

    // Refused text is quoted in a log line: on one line, short, free of control characters.
    private static string Quote(string text) => TerminalText.Escape(text.Length > 60 ? text[..60] + "…" : text);

    [GeneratedRegex(@"^(?:[0-9]{1,18}|s[0-9A-Z]{13})\z")]
    private static partial Regex JobId();

    [GeneratedRegex(@"^(?:[A-Za-z0-9._@+$-]{1,64}|\(null\))\z")]
    private static partial Regex Name();
}
