using System.Diagnostics;
using Jobstats.Testing;

namespace Jobstats.Cli.Tests;

/// <summary>
/// jobstats run as a process, waiting for a sacct that does not answer, stopped with real signals: it installs no
/// handler (nothing to clean up), so the signal ends it at once with the shell's 128 + signal and nothing on stderr.
/// </summary>
public sealed class TerminationSignalTests : IDisposable
{
    private readonly TempDirectory _dir = new("jobstats-signals-");

    [Theory]
    [InlineData("TERM", 143)]
    [InlineData("INT", 130)]
    public async Task A_report_waiting_for_sacct_stops_promptly_with_128_plus_the_signal(string signal, int exitCode)
    {
        var sacct = _dir.Combine("sacct");
        await File.WriteAllTextAsync(sacct, "#!/bin/sh\nexec sleep 20\n", TestContext.Current.CancellationToken);
        File.SetUnixFileMode(sacct, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var info = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "jobstats"))
        {
            ArgumentList = { "123" },
            Environment = { ["PATH"] = $"{_dir.Path}:{Environment.GetEnvironmentVariable("PATH")}" },
        };

        // Three seconds: started and waiting for sacct.
        var outcome = await SignalledProgram.RunAsync(info, signal, TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);

        Assert.True(outcome.Stopped, $"jobstats ignored SIG{signal}");
        Assert.True(outcome.Elapsed < TimeSpan.FromSeconds(5), $"stopped after {outcome.Elapsed}");
        Assert.Equal(exitCode, outcome.ExitCode);
        Assert.DoesNotContain("   at ", outcome.StandardError);
    }

    public void Dispose() => _dir.Dispose();
}
