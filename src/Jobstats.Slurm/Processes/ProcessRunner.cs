using System.ComponentModel;
using System.Diagnostics;

namespace Jobstats.Slurm.Processes;

/// <summary>The real process runner: argv only, output captured, the whole process tree killed on timeout.</summary>
public sealed class ProcessRunner : IProcessRunner
{
    public async Task<ProcessResult> RunAsync(ProcessRequest request, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(request.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in request.Arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in request.Environment) start.Environment[name] = value;

        using var process = new Process { StartInfo = start };
        try { process.Start(); }
        catch (Win32Exception e) { throw new SlurmCommandException($"cannot run {request.FileName}: {e.Message}", e); }
        process.StandardInput.Close();

        Task<string> stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        Task<string> stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(request.Timeout);
        bool timedOut = false;
        try { await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false); }
        catch (OperationCanceledException)
        {
            timedOut = true;
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        string output = await stdout.ConfigureAwait(false), error = await stderr.ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return new ProcessResult(timedOut ? -1 : process.ExitCode, output, error, timedOut);
    }
}
