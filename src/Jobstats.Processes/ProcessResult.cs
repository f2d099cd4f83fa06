namespace Jobstats.Processes;

/// <summary>
/// How a run ended, with what it printed (stdout up to its cap, the first <see cref="ProcessRequest.MaxErrorChars"/> of
/// stderr). <see cref="ExitCode"/> is -1 unless the program <see cref="ProcessOutcome.Exited"/>.
/// </summary>
public sealed record ProcessResult(ProcessOutcome Outcome, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Longest error line quoted; a command's stderr is no place for more.</summary>
    public const int MaxErrorLineLength = 200;

    /// <summary>For any outcome but <see cref="ProcessOutcome.Exited"/>: one line saying what happened, naming the program.</summary>
    public string Failure { get; init; } = "";

    public bool Succeeded => Outcome == ProcessOutcome.Exited && ExitCode == 0;

    public bool TimedOut => Outcome == ProcessOutcome.TimedOut;

    /// <summary>A program that ran and exited with this code.</summary>
    public static ProcessResult Exited(int exitCode, string standardOutput = "", string standardError = "") =>
        new(ProcessOutcome.Exited, exitCode, standardOutput, standardError);

    /// <summary>A run that ended some other way, with what it had printed by then.</summary>
    public static ProcessResult DidNotExit(ProcessOutcome outcome, string failure, string standardOutput = "", string standardError = "") =>
        outcome == ProcessOutcome.Exited
            ? throw new ArgumentException("an exit has an exit code, not a failure", nameof(outcome))
            : new(outcome, -1, standardOutput, standardError) { Failure = failure };

    /// <summary>The first line of stderr (or stdout), cut to <see cref="MaxErrorLineLength"/>, for error messages.</summary>
    public string FirstErrorLine
    {
        get
        {
            string text = StandardError.Length > 0 ? StandardError : StandardOutput;
            foreach (var line in text.AsSpan().EnumerateLines())
            {
                var trimmed = line.Trim();
                if (trimmed.IsEmpty) continue;
                return trimmed.Length <= MaxErrorLineLength ? trimmed.ToString() : trimmed[..MaxErrorLineLength].ToString() + "…";
            }
            return "";
        }
    }

    /// <summary>One bounded line for an error message: "exit 3: first error line", or the failure.</summary>
    public string Describe() => Outcome != ProcessOutcome.Exited ? Failure
        : FirstErrorLine is { Length: > 0 } line ? $"exit {ExitCode}: {line}" : $"exit {ExitCode}";
}
