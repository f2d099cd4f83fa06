using System.Diagnostics;

namespace Jobstats.Integration.Tests.Lab;

/// <summary>Runs real programs (Slurm clients, our scripts, our binaries) with a bounded time and captured output.</summary>
public static class ProcessRunner
{
    public static async Task<ProcessResult> RunAsync(
        string program,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? timeout = null,
        string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        if (environment is not null)
            foreach (var (key, value) in environment)
                start.Environment[key] = value;

        var command = string.Join(' ', new[] { program }.Concat(start.ArgumentList));
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {command}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();

        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException(
                $"`{command}` did not finish within {timeout ?? TimeSpan.FromMinutes(2)}\n--- stdout ---\n{await stdout}\n--- stderr ---\n{await stderr}");
        }
        return new ProcessResult(command, process.ExitCode, await stdout, await stderr);
    }
}
