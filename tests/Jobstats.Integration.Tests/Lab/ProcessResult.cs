namespace Jobstats.Integration.Tests.Lab;

/// <summary>What a finished child process left behind.</summary>
public sealed record ProcessResult(string Command, int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>A description good enough to diagnose a failure from the test log alone.</summary>
    public string Describe() =>
        $"`{Command}` exited {ExitCode}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";

    public ProcessResult EnsureSuccess() =>
        Succeeded ? this : throw new InvalidOperationException(Describe());
}
