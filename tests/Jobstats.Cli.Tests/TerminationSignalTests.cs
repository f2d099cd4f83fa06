using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;

namespace Jobstats.Cli.Tests;

/// <summary>
/// jobstats run as a process, waiting for a sacct that does not answer, stopped with real signals: it installs no
/// handler (nothing to clean up), so the signal ends it at once with the shell's 128 + signal and nothing on stderr.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class TerminationSignalTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("jobstats-signals-").FullName;

    [Theory]
    [InlineData("TERM", 143)]
    [InlineData("INT", 130)]
    public async Task A_report_waiting_for_sacct_stops_promptly_with_128_plus_the_signal(string signal, int exitCode)
    {
        var sacct = Path.Combine(_dir, "sacct");
        await File.WriteAllTextAsync(sacct, "#!/bin/sh\nexec sleep 20\n", TestContext.Current.CancellationToken);
        File.SetUnixFileMode(sacct, (UnixFileMode)0x1ED);
        var info = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "jobstats"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { "123" },
            Environment = { ["PATH"] = $"{_dir}:{Environment.GetEnvironmentVariable("PATH")}" },
        };
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken); // started and waiting for sacct
        Assert.False(process.HasExited, "jobstats exited before the signal");

        var sent = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
        var stopped = process.WaitForExit(TimeSpan.FromSeconds(10));
        if (!stopped)
        {
            process.Kill();
        }

        Assert.True(stopped, $"jobstats ignored SIG{signal}");
        Assert.True(sent.Elapsed < TimeSpan.FromSeconds(5), $"stopped after {sent.Elapsed}");
        Assert.Equal(exitCode, process.ExitCode);
        Assert.DoesNotContain("   at ", await stderr);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
