using Jobstats.Deploy.Bcm;
using Jobstats.Processes;
using Jobstats.Testing;

namespace Jobstats.Deploy.Tests.Bcm;

/// <summary>What the cmsh client asks of the process runner, checked in-process with the recording fake.</summary>
public class CmshClientCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Cmsh_gets_its_commands_as_one_argument_and_its_own_time_limit()
    {
        var runner = new RecordingProcessRunner(_ => RecordingProcessRunner.Ok("dgx-001\n"));
        var cmsh = new CmshClient("/cm/local/apps/cmd/bin/cmsh", runner, TimeSpan.FromSeconds(7));
        await cmsh.RunAsync("device; list -c dgx", Ct);
        var request = Assert.Single(runner.Requests);
        Assert.Equal("/cm/local/apps/cmd/bin/cmsh", request.FileName);
        Assert.Equal(["-c", "device; list -c dgx"], request.Arguments);
        Assert.Equal(TimeSpan.FromSeconds(7), request.Timeout);
    }

    [Fact]
    public async Task A_cmsh_that_cannot_run_is_a_cmsh_error_saying_why()
    {
        var runner = new RecordingProcessRunner(_ => ProcessResult.DidNotExit(ProcessOutcome.FailedToStart, "cannot run /cm/local/apps/cmd/bin/cmsh: No such file or directory"));
        var cmsh = new CmshClient("/cm/local/apps/cmd/bin/cmsh", runner);
        var e = await Assert.ThrowsAsync<CmshException>(() => cmsh.CategoryNodesAsync("dgx", Ct));
        Assert.Equal("cmsh -c \"device; list -c dgx\" failed: cannot run /cm/local/apps/cmd/bin/cmsh: No such file or directory", e.Message);
    }
}
