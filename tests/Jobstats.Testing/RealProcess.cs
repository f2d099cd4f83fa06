using System.Text;
using Jobstats.Processes;

namespace Jobstats.Testing;

/// <summary>
/// Runs a real program for a test (a tool that serves as oracle, our published binaries, the lab's scripts) through the
/// product's <see cref="ProcessRunner"/>. In a test a program that cannot start or never finishes is a broken harness,
/// not a result: that throws, with everything the program printed.
/// </summary>
public static class RealProcess
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    private static readonly ProcessRunner Runner = new();

    public static async Task<ProcessResult> RunAsync(
        string program, IEnumerable<string> arguments, IEnumerable<KeyValuePair<string, string>>? environment = null,
        string? stdin = null, TimeSpan? timeout = null, string? workingDirectory = null, CancellationToken cancellationToken = default)
    {
        var request = new ProcessRequest(program, [.. arguments], timeout ?? DefaultTimeout)
        {
            Environment = (environment ?? []).ToDictionary(e => e.Key, string? (e) => e.Value),
            StandardInput = stdin is null ? null : Encoding.UTF8.GetBytes(stdin),
            WorkingDirectory = workingDirectory,
        };
        return await RunAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The same with the whole request (e.g. to remove inherited variables).</summary>
    public static async Task<ProcessResult> RunAsync(ProcessRequest request, CancellationToken cancellationToken = default)
    {
        var result = await Runner.RunAsync(request, cancellationToken).ConfigureAwait(false);
        return result.Outcome == ProcessOutcome.Exited ? result : throw new InvalidOperationException($"`{request}`: {result.Report()}");
    }

    /// <summary>The same, for a caller that cannot await (a constructor, Dispose).</summary>
    public static ProcessResult Run(
        string program, IEnumerable<string> arguments, IEnumerable<KeyValuePair<string, string>>? environment = null,
        string? stdin = null, TimeSpan? timeout = null, string? workingDirectory = null) =>
        RunAsync(program, arguments, environment, stdin, timeout, workingDirectory).GetAwaiter().GetResult();

    /// <summary>The result if the program exited 0; otherwise throws with the whole report.</summary>
    public static ProcessResult EnsureSuccess(this ProcessResult result) =>
        result.Succeeded ? result : throw new InvalidOperationException(result.Report());

    /// <summary>Good enough to diagnose a failure from the test log alone: how it ended and both streams in full.</summary>
    public static string Report(this ProcessResult result) =>
        $"{(result.Outcome == ProcessOutcome.Exited ? $"exited {result.ExitCode}" : result.Failure)}\n" +
        $"--- stdout ---\n{result.StandardOutput}\n--- stderr ---\n{result.StandardError}";
}
