using Jobstats.Slurm.Accounting;
using Jobstats.Testing;

namespace Jobstats.Slurm.Tests.Accounting;

/// <summary>
/// The lists behind the waste report and the idle-GPU action are read by the reader of <c>jobstats ls</c>, under its
/// contract: streamed, an unreadable line skipped and named, the rest returned.
/// </summary>
public class SacctJobListsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // jobid jobidraw start end cluster alloctres admincomment user account state nnodes ncpus reqmem qos partition
    // timelimitraw jobname
    private static string Row(string id, string user, string state = "RUNNING", string tres = "cpu=8,gres/gpu=2,mem=64G,node=1") =>
        $"{id}|{id}|1000|Unknown|c1|{tres}||{user}|phys|{state}|1|8|64G|normal|gpu|120|train\n";

    [Fact]
    public async Task A_line_that_cannot_be_read_is_skipped_and_named_and_the_other_jobs_are_listed()
    {
        var runner = new RecordingProcessRunner(_ => RecordingProcessRunner.Ok(Row("10", "alice") + "11|11|1000\n" + Row("12", "bob")));
        var list = await new SacctJobLists(runner, TimeSpan.FromSeconds(5)).RunningAsync("c1", Ct);
        Assert.Equal(["10", "12"], list.Jobs.Select(j => j.JobId));
        Assert.Equal(["line 2 has 3 fields where 17 were asked for"], list.Skipped);
        Assert.Equal((2, 8), (list.Jobs[0].Gpus, list.Jobs[0].Cores));
        var call = Assert.Single(runner.Requests);
        Assert.NotNull(call.StandardOutputReader);
    }

    [Fact]
    public async Task Texts_that_repeat_from_job_to_job_are_held_once()
    {
        var runner = new RecordingProcessRunner(_ => RecordingProcessRunner.Ok(Row("10", "alice") + Row("11", "alice")));
        var jobs = (await new SacctJobLists(runner, TimeSpan.FromSeconds(5)).RunningAsync(null, Ct)).Jobs;
        Assert.Equal(("alice", "RUNNING"), (jobs[1].User, jobs[1].State));
        Assert.Same(jobs[0].User, jobs[1].User);
        Assert.Same(jobs[0].AllocTres, jobs[1].AllocTres);
        Assert.Same(jobs[0].JobId, jobs[0].JobIdRaw);
    }

    [Fact]
    public async Task Ended_jobs_outside_the_period_are_left_out()
    {
        string output = "20|20|1000|1500|c1|cpu=1,mem=1G||u|a|COMPLETED|1|1|1G|normal|p|60|in\n" +
                        "21|21|100|500|c1|cpu=1,mem=1G||u|a|COMPLETED|1|1|1G|normal|p|60|before\n";
        var runner = new RecordingProcessRunner(_ => RecordingProcessRunner.Ok(output));
        var list = await new SacctJobLists(runner, TimeSpan.FromSeconds(5)).EndedBetweenAsync(1000, 2000, null, Ct);
        Assert.Equal(["20"], list.Jobs.Select(j => j.JobId));
        Assert.Empty(list.Skipped);
    }
}
