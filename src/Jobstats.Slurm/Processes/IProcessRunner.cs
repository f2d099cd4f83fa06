namespace Jobstats.Slurm.Processes;

/// <summary>Runs a program with an argument vector (never through a shell) and a time limit.</summary>
public interface IProcessRunner
{
    Task<ProcessResult> RunAsync(ProcessRequest request, CancellationToken cancellationToken = default);
}

public sealed record ProcessRequest(string FileName, IReadOnlyList<string> Arguments, TimeSpan Timeout)
{
    /// <summary>Variables added to (or overriding) the inherited environment.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public override string ToString() => FileName + " " + string.Join(' ', Arguments);
}

public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError, bool TimedOut)
{
    public bool Succeeded => !TimedOut && ExitCode == 0;

    /// <summary>The first line of stderr (or stdout), for error messages.</summary>
    public string FirstErrorLine =>
        (StandardError.Length > 0 ? StandardError : StandardOutput).Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .FirstOrDefault()?.Trim() ?? "";
}
