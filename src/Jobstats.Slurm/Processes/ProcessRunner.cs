using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Jobstats.Slurm.Processes;

/// <summary>
/// The real process runner: argv only, output captured up to a cap, the whole process tree killed on timeout or
/// when stdout outgrows its cap.
/// </summary>
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

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(request.Timeout);
        bool tooLarge = false;
        Task<string> stdout = CaptureAsync(process.StandardOutput, request.MaxOutputChars, () => { tooLarge = true; stop.Cancel(); });
        // stderr is only ever quoted: what is beyond its cap is read and dropped, so the child never blocks on it.
        Task<string> stderr = CaptureAsync(process.StandardError, ProcessRequest.MaxErrorChars, onOverflow: null);
        bool timedOut = false;
        try { await process.WaitForExitAsync(stop.Token).ConfigureAwait(false); }
        catch (OperationCanceledException)
        {
            timedOut = !tooLarge;
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        string output = await stdout.ConfigureAwait(false), error = await stderr.ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (tooLarge)
            throw new SlurmCommandException($"{Path.GetFileName(request.FileName)} printed more than {request.MaxOutputChars / (1024 * 1024)} MiB; stopped it");
        return new ProcessResult(timedOut ? -1 : process.ExitCode, output, error, timedOut);
    }

    // Reads a stream to its end keeping at most max characters. With onOverflow, stops at the cap and calls it;
    // without, drains the rest unread.
    private static async Task<string> CaptureAsync(StreamReader reader, int max, Action? onOverflow)
    {
        var text = new StringBuilder();
        char[] buffer = new char[16384];
        int read;
        while ((read = await reader.ReadAsync(buffer, CancellationToken.None).ConfigureAwait(false)) > 0)
        {
            int room = max - text.Length;
            text.Append(buffer, 0, Math.Min(read, room));
            if (read <= room) continue;
            if (onOverflow is null) continue;
            onOverflow();
            break;
        }
        return text.ToString();
    }
}
