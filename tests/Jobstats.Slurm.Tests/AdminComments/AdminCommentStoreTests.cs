using Jobstats.Processes;
using Jobstats.Slurm.AdminComments;
using Jobstats.Testing;

namespace Jobstats.Slurm.Tests.AdminComments;

public class AdminCommentStoreTests
{
    [Theory]
    [InlineData("123", "123", "123")]
    [InlineData("123_4", "130", "123_4")]   // array task: the array form, never the raw id
    [InlineData("123_0", "123", "123_0")]   // the task whose raw id is the array id would select every task
    [InlineData("200+1", "201", "201")]
    public void Selector_follows_the_array_task_rule(string jobId, string raw, string expected) =>
        Assert.Equal(expected, AdminCommentStore.Selector(jobId, raw));

    [Fact]
    public void Write_is_one_argv_per_word()
    {
        var request = AdminCommentStore.BuildWrite("sacctmgr", "123_4", "JS1:H4sI+/=", TimeSpan.FromSeconds(5));
        Assert.Equal(["-i", "update", "job", "where", "jobid=123_4", "set", "AdminComment=JS1:H4sI+/="], request.Arguments);
    }

    [Fact]
    public async Task Reads_back_the_comment_with_sacct()
    {
        var runner = new RecordingProcessRunner(_ => RecordingProcessRunner.Ok("js1:short\n"));
        var store = new AdminCommentStore(runner, TimeSpan.FromSeconds(5));
        Assert.Equal("js1:short", await store.ReadAsync("42", TestContext.Current.CancellationToken));
        Assert.Equal(["-P", "-X", "-n", "-o", "admincomment", "-j", "42"], runner.Requests[0].Arguments);
    }

    [Fact]
    public async Task A_failed_write_carries_sacctmgr_s_message()
    {
        var runner = new RecordingProcessRunner(_ => RecordingProcessRunner.Fails(1, " Nothing modified\n"));
        var store = new AdminCommentStore(runner, TimeSpan.FromSeconds(5));
        var e = await Assert.ThrowsAsync<SlurmCommandException>(() => store.WriteAsync("42", "JS1:None", TestContext.Current.CancellationToken));
        Assert.Contains("Nothing modified", e.Message);
    }

    [Theory]
    [InlineData(ProcessOutcome.FailedToStart, "cannot run sacctmgr: No such file or directory")]
    [InlineData(ProcessOutcome.TimedOut, "sacctmgr did not finish within 5 s")]
    public async Task A_write_that_did_not_exit_is_an_error_saying_how_it_ended(ProcessOutcome outcome, string message)
    {
        var runner = new RecordingProcessRunner(_ => ProcessResult.DidNotExit(outcome, message));
        var store = new AdminCommentStore(runner, TimeSpan.FromSeconds(5));
        var e = await Assert.ThrowsAsync<SlurmCommandException>(() => store.WriteAsync("42", "JS1:None", TestContext.Current.CancellationToken));
        Assert.Equal(message, e.Message);
        Assert.Equal(TimeSpan.FromSeconds(5), runner.Requests[0].Timeout);
    }
}
