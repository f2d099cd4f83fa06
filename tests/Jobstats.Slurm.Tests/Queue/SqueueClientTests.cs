using Jobstats.Processes;
using Jobstats.Slurm.Queue;
using Jobstats.Testing;

namespace Jobstats.Slurm.Tests.Queue;

public class SqueueClientTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(7);

    [Fact]
    public async Task One_bounded_squeue_of_running_jobs_of_all_users_with_the_environment_s_defaults_removed()
    {
        var runner = new RecordingProcessRunner(_ => RecordingProcessRunner.Ok("101|alice|physics|cpu\n"));
        var listing = await new SqueueClient(runner, Timeout).RunningAsync(TestContext.Current.CancellationToken);
        Assert.Single(listing.Jobs);
        var request = Assert.Single(runner.Requests);
        Assert.Equal("squeue", request.FileName);
        Assert.Equal(["--noheader", "--all", "--states=RUNNING", "--format=%A|%u|%a|%P"], request.Arguments);
        Assert.Equal(Timeout, request.Timeout);
        Assert.Equal(SqueueClient.MaxOutputChars, request.MaxOutputChars);
        foreach (string variable in new[] { "SQUEUE_FORMAT", "SQUEUE_USERS", "SQUEUE_STATES", "SLURM_CLUSTERS" })
            Assert.Null(request.Environment[variable]);
    }

    [Fact]
    public async Task A_failing_squeue_throws_with_its_message()
    {
        var runner = new RecordingProcessRunner(_ => RecordingProcessRunner.Fails(1, "slurm_load_jobs error: Unable to contact slurm controller\n"));
        var e = await Assert.ThrowsAsync<SlurmCommandException>(() => new SqueueClient(runner, Timeout).RunningAsync(TestContext.Current.CancellationToken));
        Assert.Contains("Unable to contact slurm controller", e.Message);
    }

    [Theory]
    [InlineData(ProcessOutcome.TimedOut, "did not answer within 7 s")]
    [InlineData(ProcessOutcome.OutputTooLarge, "squeue printed too much")]
    [InlineData(ProcessOutcome.FailedToStart, "squeue could not be started")]
    public async Task A_squeue_that_did_not_exit_throws(ProcessOutcome outcome, string message)
    {
        var runner = new RecordingProcessRunner(_ => ProcessResult.DidNotExit(outcome, message.StartsWith("did", StringComparison.Ordinal) ? "timed out" : message));
        var e = await Assert.ThrowsAsync<SlurmCommandException>(() => new SqueueClient(runner, Timeout).RunningAsync(TestContext.Current.CancellationToken));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public async Task An_answer_of_which_no_line_is_understood_is_a_failure_not_an_empty_queue()
    {
        var runner = new RecordingProcessRunner(_ => RecordingProcessRunner.Ok("JOBID PARTITION NAME USER ST\n101 cpu x alice R\n"));
        var e = await Assert.ThrowsAsync<SlurmCommandException>(() => new SqueueClient(runner, Timeout).RunningAsync(TestContext.Current.CancellationToken));
        Assert.Contains("not understood", e.Message);
    }
}
