using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Jobstats.Processes;

/// <summary>
/// The real runner. Stdout, stderr and stdin are served at the same time, so neither a program that floods its output
/// nor one that never reads its input can block us; everything ends at the time limit: the wait for the exit, the
/// reads and the write. A program that overruns it, or whose stdout outgrows its cap, is killed with every process it
/// started.
/// </summary>
public sealed class ProcessRunner : IProcessRunner
{
    public async Task<ProcessResult> RunAsync(ProcessRequest request, CancellationToken cancellationToken = default)
    {
        using var process = new Process { StartInfo = StartInfo(request) };
        try { process.Start(); }
        catch (Win32Exception e)
        {
            // The OS reason alone ("No such file or directory", "Permission denied"): .NET's message is a paragraph.
            string reason = Marshal.GetPInvokeErrorMessage(e.NativeErrorCode);
            return ProcessResult.DidNotExit(ProcessOutcome.FailedToStart, $"cannot run {request.FileName}: {reason}");
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(request.Timeout);
        bool tooLarge = false;
        var stdout = CaptureAsync(process.StandardOutput, request.MaxOutputChars, () => { tooLarge = true; stop.Cancel(); }, stop.Token);
        // stderr is only ever quoted: what is beyond its cap is read and dropped, so the program never blocks on it.
        var stderr = CaptureAsync(process.StandardError, ProcessRequest.MaxErrorChars, onOverflow: null, stop.Token);
        var stdin = FeedAsync(process.StandardInput, request.StandardInput, stop.Token);

        bool killed = false;
        try { await process.WaitForExitAsync(stop.Token).ConfigureAwait(false); }
        catch (OperationCanceledException)
        {
            killed = true;
            KillTree(process);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        // After a normal exit the pipes are read until the same deadline: a descendant that left the tree and kept
        // them open cannot hold us longer than the program itself could.
        var (output, outputEnded) = await stdout.ConfigureAwait(false);
        var (error, errorEnded) = await stderr.ConfigureAwait(false);
        await stdin.ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();

        if (tooLarge)
            return ProcessResult.DidNotExit(ProcessOutcome.OutputTooLarge, $"{request.Name} printed more than {Size(request.MaxOutputChars)}; stopped it", output, error);
        if (killed || !outputEnded || !errorEnded)
            return ProcessResult.DidNotExit(ProcessOutcome.TimedOut, $"{request.Name} did not finish within {Seconds(request.Timeout)} s", output, error);
        return ProcessResult.Exited(process.ExitCode, output, error);
    }

    private static ProcessStartInfo StartInfo(ProcessRequest request)
    {
        var start = new ProcessStartInfo(request.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = request.WorkingDirectory ?? "",
        };
        foreach (string argument in request.Arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in request.Environment)
        {
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }
        return start;
    }

    private static void KillTree(Process process)
    {
        // Descendants are found through /proc at this moment: one that already left the tree (daemonised) survives,
        // which is why the reads have a deadline of their own.
        try { process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { } // it exited meanwhile
        catch (Win32Exception) { }            // a descendant exited meanwhile, or is not ours to kill
    }

    // Reads a stream to its end (or the deadline) keeping at most max characters. With onOverflow, stops at the cap and
    // calls it; without, drains the rest unkept. Ended says whether the stream reached its end.
    private static async Task<(string Text, bool Ended)> CaptureAsync(StreamReader reader, int max, Action? onOverflow, CancellationToken token)
    {
        var text = new StringBuilder();
        char[] buffer = new char[16384];
        try
        {
            int read;
            while ((read = await reader.ReadAsync(buffer, token).ConfigureAwait(false)) > 0)
            {
                int room = max - text.Length;
                text.Append(buffer, 0, Math.Min(read, room));
                if (read <= room || onOverflow is null) continue;
                onOverflow();
                return (text.ToString(), false);
            }
            return (text.ToString(), true);
        }
        catch (OperationCanceledException) { return (text.ToString(), false); }
    }

    // Writes stdin (if any) and closes it, at the same time as the reads, so a large input meets no full output pipe.
    private static async Task FeedAsync(StreamWriter stdin, ReadOnlyMemory<byte>? bytes, CancellationToken token)
    {
        try
        {
            if (bytes is { } input) await stdin.BaseStream.WriteAsync(input, token).ConfigureAwait(false);
        }
        catch (IOException) { }                // the program exited or closed stdin unread: its outcome says the rest
        catch (OperationCanceledException) { } // the deadline passed: the program is being killed
        try { stdin.Close(); }
        catch (IOException) { }
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Size(int chars) =>
        chars % (1024 * 1024) == 0 ? $"{chars / (1024 * 1024)} MiB" : $"{chars} characters";
}
