using System.Collections;
using System.Globalization;
using System.Runtime.InteropServices;
using Jobstats.Processes.Posix;

namespace Jobstats.Processes;

/// <summary>
/// The real runner. Stdout, stderr and stdin are served at the same time, so neither a program that floods its output
/// nor one that never reads its input can block us; everything ends at the time limit: the wait for the exit, the
/// reads and the write. A program that overruns it, or whose stdout outgrows its cap, is killed with every process it
/// started that stayed in its process group.
/// </summary>
/// <remarks>
/// One thread does it all: posix_spawn, then poll() over the pipes, then waitpid. .NET's Process would start four
/// threads (signal handling, a timer, the socket engine's epoll loop, a wait thread) and take twice as long for a
/// one-row sacct in jobstats (bench/jobstats). By default that thread is one of its own, so RunAsync returns at once
/// and runs proceed in parallel; <paramref name="onCallingThread"/> runs it on the caller's thread and returns a
/// finished task: for a program that does one thing at a time, which then starts no thread at all.
/// </remarks>
public sealed class ProcessRunner(bool onCallingThread = false) : IProcessRunner
{
    public Task<ProcessResult> RunAsync(ProcessRequest request, CancellationToken cancellationToken = default)
    {
        if (!onCallingThread)
            return Task.Factory.StartNew(() => Run(request, cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try { return Task.FromResult(Run(request, cancellationToken)); }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<ProcessResult>(cancellationToken);
        }
    }

    // The whole run, on the thread that calls it.
    private static ProcessResult Run(ProcessRequest request, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        string? path = ProgramPath.Resolve(request.FileName);
        ChildProcess? started = null;
        int error = path is null ? ProgramPath.NotFound
            : ChildProcess.Start(path, [request.FileName, .. request.Arguments], Environment(request), NonEmpty(request.WorkingDirectory), out started);
        if (error != 0 || started is null)
            return ProcessResult.DidNotExit(ProcessOutcome.FailedToStart, $"cannot run {request.FileName}: {Marshal.GetPInvokeErrorMessage(error)}");

        using ChildProcess child = started;
        using var session = new PipeSession(child, request, cancellationToken);
        PipeSession.End end = session.Serve();
        if (end != PipeSession.End.Drained) child.KillGroup();
        if (end == PipeSession.End.Drained && !WaitForExit(child, session.Deadline))
        {
            child.KillGroup();
            end = PipeSession.End.TimedOut;
        }
        child.WaitAndReap();
        cancellationToken.ThrowIfCancellationRequested();

        string output = session.Output, errors = session.Errors;
        return end switch
        {
            PipeSession.End.OutputTooLarge => ProcessResult.DidNotExit(ProcessOutcome.OutputTooLarge,
                $"{request.Name} printed more than {Size(request.MaxOutputChars)}; stopped it", output, errors),
            PipeSession.End.TimedOut => ProcessResult.DidNotExit(ProcessOutcome.TimedOut,
                $"{request.Name} did not finish within {Seconds(request.Timeout)} s", output, errors),
            _ => ProcessResult.Exited(child.ExitCode, output, errors),
        };
    }

    // Both pipes closed: the program has exited or is about to. One that closed them and runs on is looked at with a
    // growing pause, up to the deadline.
    private static bool WaitForExit(ChildProcess child, Deadline deadline)
    {
        for (int pause = 1; !child.TryReap(); pause = Math.Min(pause * 2, 50))
        {
            int left = deadline.MillisecondsLeft;
            if (left == 0) return false;
            Thread.Sleep(left < 0 ? pause : Math.Min(pause, left));
        }
        return true;
    }

    // The inherited environment as .NET sees it (variables set through Environment included), with the request's changes.
    private static List<string> Environment(ProcessRequest request)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
            variables[(string)entry.Key] = (string?)entry.Value ?? "";
        foreach (var (name, value) in request.Environment)
        {
            if (value is null) variables.Remove(name);
            else variables[name] = value;
        }
        var list = new List<string>(variables.Count);
        foreach (var (name, value) in variables) list.Add(name + "=" + value);
        return list;
    }

    private static string? NonEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Size(int chars) =>
        chars % (1024 * 1024) == 0 ? $"{chars / (1024 * 1024)} MiB" : $"{chars} characters";
}
