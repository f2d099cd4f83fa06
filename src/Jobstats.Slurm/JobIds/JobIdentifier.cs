using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Jobstats.Slurm.JobIds;

/// <summary>
/// A validated Slurm job id: <c>123</c>, an array task <c>123_4</c>, a heterogeneous component <c>123+1</c> or
/// <c>123.4</c>. Nothing else gets near sacct or PromQL.
/// </summary>
public sealed partial record JobIdentifier
{
    public string Text { get; }
    public string BaseId { get; }
    public bool IsArrayTask => Text.Contains('_');
    public bool IsComponent => Text.Contains('+') || Text.Contains('.');

    private JobIdentifier(string text, string baseId) { Text = text; BaseId = baseId; }

    public static bool TryParse(string? input, [NotNullWhen(true)] out JobIdentifier? id, [NotNullWhen(false)] out string? problem)
    {
        id = null;
        problem = null;
        string text = input?.Trim() ?? "";
        if (text.Length == 0) { problem = "the job id is empty"; return false; }
        Match m = Valid().Match(text);
        if (m.Success)
        {
            id = new JobIdentifier(text, m.Groups[1].Value);
            return true;
        }
        Match range = ArrayRange().Match(text);
        problem = range.Success
            ? $"\"{Printable(text)}\" names several array tasks; give them one by one, e.g. {range.Groups[1].Value}_{FirstTask(range.Groups[2].Value)}"
            : $"\"{Printable(text)}\" is not a Slurm job id (expected digits, optionally followed by _N, +N or .N)";
        return false;
    }

    public static JobIdentifier Parse(string input) =>
        TryParse(input, out var id, out var problem) ? id : throw new FormatException(problem);

    /// <summary>True for a bare number suitable for a PromQL label or an sacctmgr condition.</summary>
    public static bool IsRawId(string text) => RawId().IsMatch(text);

    public override string ToString() => Text;

    private static string FirstTask(string list)
    {
        string first = list.Split(',')[0];
        return first.Split('-')[0];
    }

    // Keeps error messages on one line and free of control characters from hostile input.
    private static string Printable(string text)
    {
        var clean = new string([.. text.Take(60).Select(c => char.IsControl(c) ? '?' : c)]);
        return text.Length > 60 ? clean + "…" : clean;
    }

    [GeneratedRegex(@"^([0-9]{1,18})(?:[_+.][0-9]{1,9})?$")]
    private static partial Regex Valid();

    [GeneratedRegex(@"^([0-9]{1,18})_\[([0-9,\-%]+)\]$")]
    private static partial Regex ArrayRange();

    [GeneratedRegex(@"^[0-9]{1,18}$")]
    private static partial Regex RawId();
}
