using System.Diagnostics;
using Jobstats.Deploy.Tests.Support;
using Jobstats.Testing;

namespace Jobstats.Deploy.Tests.Jobstatsctl;

/// <summary>
/// jobstatsctl run as a process and stopped with real signals while it is blocked in a read no cancellation token
/// reaches (an exclude-lists FIFO nobody writes to: open(2) waits for a writer).
/// </summary>
public sealed class TerminationSignalTests : IDisposable
{
    private readonly TempDirectory _root = new("jobstatsctl-signals-");

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
            ArgumentList = { "audit-image", "-i", _root["/inventory.yaml"], "--exclude-lists", _root["/lists.fifo"], "--shared-root", _root.Path },
        };

        // Three seconds: started and blocked in open(2).
        var outcome = await SignalledProgram.RunAsync(info, signal, TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);

        Assert.True(outcome.Stopped, $"jobstatsctl ignored SIG{signal}");
        Assert.True(outcome.Elapsed < TimeSpan.FromSeconds(6), $"stopped after {outcome.Elapsed}");
        Assert.Equal(exitCode, outcome.ExitCode);
        Assert.DoesNotContain("   at ", outcome.StandardError);
        Assert.DoesNotContain("Exception", outcome.StandardError);
    }

    public void Dispose() => _root.Dispose();
}
