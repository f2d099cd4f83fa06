using System.Diagnostics;
using System.Globalization;

namespace Jobstats.Testing;

/// <summary>What a program did when sent a real signal while it was blocked: whether and how fast it stopped.</summary>
public sealed record SignalOutcome(bool Stopped, TimeSpan Elapsed, int ExitCode, string StandardError);

/// <summary>
/// Starts one of our programs, lets it reach the state under test (blocked in a read, waiting for a child), sends it a
/// signal with kill(1) and reports how it ended; a program that ignores the signal is killed so no test leaks it.
/// </summary>
public static class SignalledProgram
{
    public static async Task<SignalOutcome> RunAsync(ProcessStartInfo start, string signal, TimeSpan settle, CancellationToken cancellationToken)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start");
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await Task.Delay(settle, cancellationToken).ConfigureAwait(false);
        if (process.HasExited)
            throw new InvalidOperationException($"{start.FileName} exited ({process.ExitCode}) before the signal: {await stderr.ConfigureAwait(false)}");

        var sent = Stopwatch.StartNew();
        var kill = await RealProcess.RunAsync("kill", [$"-{signal}", process.Id.ToString(CultureInfo.InvariantCulture)],
            cancellationToken: cancellationToken).ConfigureAwait(false);
        if (kill.ExitCode != 0) throw new InvalidOperationException($"kill -{signal} failed: {kill.Describe()}");
        var stopped = process.WaitForExit(TimeSpan.FromSeconds(10));
        var elapsed = sent.Elapsed;
        if (!stopped)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        return new SignalOutcome(stopped, elapsed, process.ExitCode, await stderr.ConfigureAwait(false));
    }
}
