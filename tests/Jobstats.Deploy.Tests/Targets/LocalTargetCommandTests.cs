using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Targets;
using Jobstats.Processes;
using Jobstats.Testing;

namespace Jobstats.Deploy.Tests.Targets;

/// <summary>What the local target asks of the process runner, checked in-process with the recording fake.</summary>
public class LocalTargetCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_command_runs_as_its_argv_with_the_command_time_limit()
    {
        var runner = new RecordingProcessRunner(_ => ProcessResult.Exited(3, "", "inactive\n"));
        await using var target = new LocalTarget("lab1", "/", TargetKind.Local, manageServices: true, runner);
        var result = await target.RunAsync(["systemctl", "is-active", "jobstats-exporter"], Ct);
        Assert.Equal("exit 3: inactive", result.Describe());
        var request = Assert.Single(runner.Requests);
        Assert.Equal("systemctl", request.FileName);
        Assert.Equal(["is-active", "jobstats-exporter"], request.Arguments);
        Assert.Equal(IHostTarget.CommandTimeout, request.Timeout);
    }

    [Fact]
    public async Task Nothing_runs_inside_an_image()
    {
        var runner = new RecordingProcessRunner();
        await using var target = new LocalTarget("dgx-image", "/cm/images/dgx-image", TargetKind.Image, manageServices: false, runner);
        await Assert.ThrowsAsync<InvalidOperationException>(() => target.RunAsync(["systemctl", "daemon-reload"], Ct));
        Assert.Empty(runner.Requests);
    }
}
