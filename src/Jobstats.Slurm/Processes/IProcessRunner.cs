namespace Jobstats.Slurm.Processes;

/// <summary>Runs a program with an argument vector (never through a shell) and a time limit.</summary>
public interface IProcessRunner
{
    Task<ProcessResult> RunAsync(ProcessRequest request, CancellationToken cancellationToken = default);
}

public sealed record ProcessRequest(string FileName, IReadOnlyList<string> Arguments, TimeSpan Timeout)
{
    /// <summary>Default cap on stdout: far above any job's sacct rows or batch script, far below what hurts a login node.</summary>
    public const int DefaultMaxOutputChars = 64 * 1024 * 1024;

    /// <summary>What is kept of stderr: it is only quoted in messages.</summary>
    public const int MaxErrorChars = 64 * 1024;

    /// <summary>More stdout than this stops the command and fails the call.</summary>
    public int MaxOutputChars { get; init; } = DefaultMaxOutputChars;

    /// <summary>Variables added to (or overriding) the inherited environment.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public override string ToString() => FileName + " " + string.Join(' ', Arguments);
}

public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError, bool TimedOut)
{
    public bool Succeeded => !TimedOut && ExitCode == 0;

    /// <summary>Longest error line quoted; a command's stderr is no place for more.</summary>
    public const int MaxErrorLineLength = 200;

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
}
