using Jobstats.Deploy.Engine;
using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Tests.Support;
using Jobstats.Processes;
using Jobstats.Testing;

namespace Jobstats.Deploy.Tests.Engine;

/// <summary>The verifier's `jobstats JOBID` check, with jobstats played by the recording fake.</summary>
public class VerifierJobReportTests
{
    private static async Task<CheckResult> JobCheckAsync(RecordingProcessRunner runner, string jobId)
    {
        using var root = new TempDirectory();
        var h = new Harness(InventoryLoader.Parse(new InventoryYaml(root, TestInventories.FakeBinaries(root)).ToString()));
        // Nothing listens on the inventory's ports here: those checks fail fast and are not the subject.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var doc = await new Verifier(h.Targets, http, runner).VerifyAsync(await h.DeploymentAsync(), jobId, "/usr/local/bin/jobstats", TestContext.Current.CancellationToken);
        return Assert.Single(doc.Checks, c => c.Check == $"jobstats {jobId}");
    }

    [Fact]
    public async Task Runs_jobstats_with_the_job_id_and_passes_when_the_report_names_the_job()
    {
        var runner = new RecordingProcessRunner(_ => RecordingProcessRunner.Ok("Job ID: 42\n"));
        Assert.True((await JobCheckAsync(runner, "42")).Passed);
        var request = Assert.Single(runner.Requests);
        Assert.Equal("/usr/local/bin/jobstats", request.FileName);
        Assert.Equal(["42"], request.Arguments);
        Assert.Equal(TimeSpan.FromSeconds(60), request.Timeout);
    }

    [Fact]
    public async Task A_jobstats_that_cannot_run_fails_the_check_with_the_reason()
    {
        var runner = new RecordingProcessRunner(_ => ProcessResult.DidNotExit(ProcessOutcome.FailedToStart, "cannot run /usr/local/bin/jobstats: No such file or directory"));
        var check = await JobCheckAsync(runner, "42");
        Assert.False(check.Passed);
        Assert.Equal("cannot run /usr/local/bin/jobstats: No such file or directory", check.Reason);
    }

    [Fact]
    public async Task A_job_id_that_is_not_one_is_refused_without_running_anything()
    {
        var runner = new RecordingProcessRunner();
        Assert.False((await JobCheckAsync(runner, "42;rm")).Passed);
        Assert.Empty(runner.Requests);
    }
}
