using System.Runtime.InteropServices;

namespace Jobstatsctl;

/// <summary>
/// SIGINT and SIGTERM for the whole program: the first one cancels the command's token, so async work stops at its
/// next await and the audit at its next file; a command that has not returned after <see cref="Grace"/> is blocked
/// where no token reaches (open(2) on a FIFO, a synchronous wait on a child process) and is abandoned: Main returns
/// and the process exits. A second signal leaves at once. The exit code is the shell's 128 + signal (130, 143).
/// </summary>
/// <remarks>
/// System.CommandLine's own handler is not used: it waits for the action's task, which a synchronous action never
/// hands back, so a blocked audit ignored SIGTERM.
/// </remarks>
internal sealed class TerminationSignals : IDisposable
{
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource _cancel = new();
    private readonly TaskCompletionSource _abandon = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;
    private int _exitCode;

    public TerminationSignals()
    {
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => OnSignal(context, 128 + 2));
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => OnSignal(context, 128 + 15));
    }

    public CancellationToken Token => _cancel.Token;

    /// <summary>128 + the first signal's number, or null when none came.</summary>
    public int? ExitCode => Volatile.Read(ref _exitCode) is var code and > 0 ? code : null;

    /// <summary>Completes when the command should be abandoned: the grace period after a signal ended, or a second signal.</summary>
    public Task Abandoned => _abandon.Task;

    private void OnSignal(PosixSignalContext context, int exitCode)
    {
        context.Cancel = true; // the runtime's default would end the process before the command can stop cleanly
        if (Interlocked.CompareExchange(ref _exitCode, exitCode, 0) != 0)
        {
            _abandon.TrySetResult();
            return;
        }
        _cancel.Cancel();
        _ = Task.Delay(Grace).ContinueWith(_ => _abandon.TrySetResult(), TaskScheduler.Default);
    }

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _cancel.Dispose();
    }
}
