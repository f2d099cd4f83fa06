using System.Diagnostics;
using Jobstats.Deploy.Tests.Support;

namespace Jobstats.Deploy.Tests.Jobstatsctl;

/// <summary>
/// jobstatsctl run as a process and stopped with real signals while it is blocked in a read no cancellation token
/// reaches (an exclude-lists FIFO nobody writes to: open(2) waits for a writer).
/// </summary>
public sealed class TerminationSignalTests : IDisposable
{
    private readonly TempRoot _root = new("jobstatsctl-signals-");

    [Theory]
    [InlineData("TERM", 143)]
    [InlineData("INT", 130)]
    public async Task A_command_blocked_in_a_read_stops_promptly_with_128_plus_the_signal_and_no_stack_trace(string signal, int exitCode)
    {
        Directory.CreateDirectory(_root["/image/etc"]);
        _root.Write("/inventory.yaml", $$"""
            cluster: lab
            roles: { compute: [lab1] }
            target: { kind: image, root: {{_root["/image"]}} }
            prometheus: { mode: existing, url: http://127.0.0.1:9090 }
            binaries: { jobstats_dir: {{TestInventories.FakeBinaries(_root)}} }
            """);
        Assert.Equal(0, (await Tools.RunAsync("mkfifo", _root["/lists.fifo"])).ExitCode);
        var info = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "jobstatsctl"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { "audit-image", "-i", _root["/inventory.yaml"], "--exclude-lists", _root["/lists.fifo"], "--shared-root", _root.Path },
        };
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken); // started and blocked in open(2)
        Assert.False(process.HasExited, "jobstatsctl exited before the signal");

        var sent = Stopwatch.StartNew();
        Assert.Equal(0, (await Tools.RunAsync("kill", $"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))).ExitCode);
        var stopped = process.WaitForExit(TimeSpan.FromSeconds(10));
        if (!stopped)
        {
            process.Kill();
        }

        Assert.True(stopped, $"jobstatsctl ignored SIG{signal}");
        Assert.True(sent.Elapsed < TimeSpan.FromSeconds(6), $"stopped after {sent.Elapsed}");
        Assert.Equal(exitCode, process.ExitCode);
        var errors = await stderr;
        Assert.DoesNotContain("   at ", errors);
        Assert.DoesNotContain("Exception", errors);
    }

    public void Dispose() => _root.Dispose();
}
