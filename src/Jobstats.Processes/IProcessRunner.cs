namespace Jobstats.Processes;

/// <summary>
/// Runs one program with an argument vector (never through a shell) and returns how it ended. Every way a run can go
/// wrong (a missing program, a time limit passed, too much output) is an outcome, not an exception; only the caller's
/// own cancellation throws.
/// </summary>
public interface IProcessRunner
{
    Task<ProcessResult> RunAsync(ProcessRequest request, CancellationToken cancellationToken = default);
}
