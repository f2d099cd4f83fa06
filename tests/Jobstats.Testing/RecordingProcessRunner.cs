using Jobstats.Processes;

namespace Jobstats.Testing;

/// <summary>
/// The one fake of <see cref="IProcessRunner"/>: answers each request from a function and records it, so a test checks
/// the exact argv, environment, stdin and time limit we build without starting anything.
/// </summary>
public sealed class RecordingProcessRunner(Func<ProcessRequest, ProcessResult> answer) : IProcessRunner
{
    private readonly List<ProcessRequest> _requests = [];

    /// <summary>A runner whose every program succeeds silently.</summary>
    public RecordingProcessRunner() : this(_ => ProcessResult.Exited(0)) { }

    /// <summary>Every request so far, in order.</summary>
    public IReadOnlyList<ProcessRequest> Requests
    {
        get { lock (_requests) return [.. _requests]; }
    }

    public Task<ProcessResult> RunAsync(ProcessRequest request, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_requests) _requests.Add(request);
        return Task.FromResult(answer(request));
    }

    /// <summary>A program that printed this and exited 0.</summary>
    public static ProcessResult Ok(string stdout = "") => ProcessResult.Exited(0, stdout);

    /// <summary>A program that printed this on stderr and exited with this code.</summary>
    public static ProcessResult Fails(int exitCode, string stderr) => ProcessResult.Exited(exitCode, "", stderr);
}
