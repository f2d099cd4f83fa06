using System.Text;
using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Resources;
using Jobstats.Deploy.Targets;
using Jobstats.Processes;
using Jobstats.Testing;

namespace Jobstats.Deploy.Tests.Targets;

/// <summary>What the ssh target asks of the process runner, checked in-process with the recording fake.</summary>
public class SshTargetCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static SshTarget Target(RecordingProcessRunner runner) =>
        new("node1", new SshSettings("admin", 2222, null, null, 4), "", manageServices: false, runner);

    [Fact]
    public async Task A_file_is_written_by_one_ssh_call_with_the_path_quoted_and_the_content_on_stdin()
    {
        var runner = new RecordingProcessRunner();
        var content = Encoding.UTF8.GetBytes("line 1\n$(not run)\n");
        await using (var target = Target(runner))
            await target.WriteFileAsync("/etc/odd name", FileContent.FromBytes(content, "test"), FileModes.Readable, "root", "root", Ct);

        var write = runner.Requests[0];
        Assert.Equal("ssh", write.FileName);
        Assert.Equal(["-p", "2222", "-o", "BatchMode=yes"], write.Arguments.Take(4));
        Assert.Contains("admin@node1", write.Arguments);
        // The last argument is the temp file's random id (TempFileNames), so the remote name is ours and unique.
        Assert.Matches(@"'sh' '/etc/odd name' '644' 'root' 'root' '[0-9a-f]{32}' '18' '[0-9a-f]{64}'$", write.Arguments[^1]);
        Assert.Equal(content, write.StandardInput!.Value.ToArray());
        Assert.Equal(IHostTarget.CommandTimeout, write.Timeout);
        // Disposing closes the master connection, with a short limit of its own.
        Assert.Equal(["-O", "exit"], runner.Requests[1].Arguments.Take(2));
        Assert.Equal(TimeSpan.FromSeconds(10), runner.Requests[1].Timeout);
    }

    [Fact]
    public async Task A_remote_commands_exit_code_is_its_own_result()
    {
        var runner = new RecordingProcessRunner(_ => ProcessResult.Exited(3));
        await using var target = Target(runner);
        var result = await target.RunAsync(["systemctl", "is-active", "--quiet", "jobstats-exporter"], Ct);
        Assert.Equal(3, result.ExitCode);
        Assert.EndsWith("'exec \"$@\"' 'sh' 'systemctl' 'is-active' '--quiet' 'jobstats-exporter'", runner.Requests[0].Arguments[^1]);
    }

    [Fact]
    public async Task Ssh_failing_to_connect_is_an_io_error_with_its_message()
    {
        var runner = new RecordingProcessRunner(_ => ProcessResult.Exited(255, "", "ssh: connect to host node1 port 2222: Connection refused\n"));
        await using var target = Target(runner);
        var e = await Assert.ThrowsAsync<IOException>(() => target.RunAsync(["true"], Ct));
        Assert.Equal("ssh to node1 failed: exit 255: ssh: connect to host node1 port 2222: Connection refused", e.Message);
    }

    [Theory]
    [InlineData(ProcessOutcome.FailedToStart, "cannot run ssh: No such file or directory")]
    [InlineData(ProcessOutcome.TimedOut, "ssh did not finish within 300 s")]
    public async Task An_ssh_that_did_not_exit_is_an_io_error_saying_how_it_ended(ProcessOutcome outcome, string failure)
    {
        var runner = new RecordingProcessRunner(_ => ProcessResult.DidNotExit(outcome, failure));
        await using var target = Target(runner);
        var e = await Assert.ThrowsAsync<IOException>(() => target.RunAsync(["true"], Ct));
        Assert.Equal($"ssh to node1 failed: {failure}", e.Message);
    }
}
