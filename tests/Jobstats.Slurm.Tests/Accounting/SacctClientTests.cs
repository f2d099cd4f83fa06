using Jobstats.Processes;
using Jobstats.Slurm.Accounting;
using Jobstats.Slurm.JobIds;
using Jobstats.Testing;

namespace Jobstats.Slurm.Tests.Accounting;

public class SacctClientTests
{
    private static string Row(string jobId, string raw, string state = "COMPLETED", string start = "1730212549", string end = "1730214578") =>
        $"{jobId}|{raw}|{start}|{end}|c1|cpu=2||u|a|{state}|1|2|1G|normal|p|60|name";

    private static (SacctClient, RecordingProcessRunner) Client(string rows, int exit = 0, ProcessResult? sluidAnswer = null)
    {
        var runner = new RecordingProcessRunner(r => r.Arguments[4] == "jobidraw,sluid"
            ? sluidAnswer ?? throw new InvalidOperationException("this test does not expect the sluid to be asked")
            : ProcessResult.Exited(exit, rows, exit == 0 ? "" : "sacct: error: Problem talking to the database\n"));
        return (new SacctClient(runner, TimeSpan.FromSeconds(5)), runner);
    }

    private static readonly ProcessResult RefusedBeforeSlurm26 = ProcessResult.Exited(1, "", "sacct: error: Invalid field requested: \"sluid\"\n");

    [Fact]
    public async Task A_lookup_is_one_sacct_call_with_epoch_times_and_the_name_last()
    {
        var (client, runner) = Client(Row("42", "42"));
        var result = await client.LookupAsync(JobIdentifier.Parse("42"), "c1", TestContext.Current.CancellationToken);
        Assert.Equal(JobLookupOutcome.Found, result.Outcome);
        var call = Assert.Single(runner.Requests);
        Assert.Equal("sacct", call.FileName);
        Assert.Equal(["-P", "-X", "-n", "-o", string.Join(',', SacctFields.Lookup), "-j", "42", "-M", "c1"], call.Arguments);
        Assert.Equal("%s", call.Environment["SLURM_TIME_FORMAT"]);
        Assert.DoesNotContain("sluid", call.Arguments[4]);
    }

    [Fact]
    public async Task The_sluid_is_asked_for_the_job_s_own_row_on_its_cluster()
    {
        var (client, runner) = Client(Row("42", "42"), sluidAnswer: RecordingProcessRunner.Ok("42|s8FXKTA79XAR00\n"));
        var record = (await client.LookupAsync(JobIdentifier.Parse("42"), null, TestContext.Current.CancellationToken)).Record!;
        Assert.Equal("s8FXKTA79XAR00", await client.SluidAsync(record, TestContext.Current.CancellationToken));
        Assert.Equal(["-P", "-X", "-n", "-o", "jobidraw,sluid", "-j", "42", "-M", "c1"], runner.Requests[1].Arguments);
    }

    [Fact]
    public async Task An_array_task_s_sluid_is_asked_by_its_array_form_and_matched_by_its_raw_id()
    {
        // The task that kept the array's id as its raw id: `-j 25` would list the whole array.
        var (client, runner) = Client(Row("25_3", "25"), sluidAnswer: RecordingProcessRunner.Ok("26|sOTHER\n25|sTHIS\n"));
        var record = (await client.LookupAsync(JobIdentifier.Parse("25_3"), null, TestContext.Current.CancellationToken)).Record!;
        Assert.Equal("sTHIS", await client.SluidAsync(record, TestContext.Current.CancellationToken));
        Assert.Equal("25_3", runner.Requests[1].Arguments[6]);
    }

    [Fact]
    public async Task Before_slurm_26_the_refused_sluid_field_means_there_is_none()
    {
        var (client, _) = Client(Row("42", "42"), sluidAnswer: RefusedBeforeSlurm26);
        var record = (await client.LookupAsync(JobIdentifier.Parse("42"), null, TestContext.Current.CancellationToken)).Record!;
        Assert.Null(await client.SluidAsync(record, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Any_other_failure_to_give_the_sluid_is_an_error()
    {
        var (client, _) = Client(Row("42", "42"),
            sluidAnswer: ProcessResult.Exited(1, "", "sacct: error: Problem talking to the database: Connection refused\n"));
        var record = (await client.LookupAsync(JobIdentifier.Parse("42"), null, TestContext.Current.CancellationToken)).Record!;
        var e = await Assert.ThrowsAsync<SlurmCommandException>(() => client.SluidAsync(record, TestContext.Current.CancellationToken));
        Assert.Contains("Problem talking to the database", e.Message);
    }

    [Fact]
    public async Task An_array_master_id_lists_its_tasks_instead_of_picking_one()
    {
        var (client, _) = Client(string.Join("\n", Row("100_1", "100"), Row("100_2", "101"), Row("100_3", "102")));
        var result = await client.LookupAsync(JobIdentifier.Parse("100"), null, TestContext.Current.CancellationToken);
        Assert.Equal(JobLookupOutcome.SeveralJobs, result.Outcome);
        Assert.Equal(["100_1", "100_2", "100_3"], result.JobIds);
        Assert.Contains("array job with tasks 100_1 100_2 100_3", result.Message);
        Assert.Contains("`jobstats 100_1`", result.Message);
    }

    [Fact]
    public async Task The_epilogs_job_id_finds_the_array_task_that_kept_the_arrays_id()
    {
        // Slurm gives an array's last task the array's own id as JobIDRaw (and SLURM_JOB_ID); sacct -j lists every task.
        var (client, _) = Client(string.Join("\n", Row("25_1", "26"), Row("25_2", "27"), Row("25_3", "25")));
        var result = await client.LookupAsync(JobIdentifier.Parse("25"), null, JobIdMeaning.SlurmJobId, TestContext.Current.CancellationToken);
        Assert.Equal(JobLookupOutcome.Found, result.Outcome);
        Assert.Equal("25_3", result.Record!.JobId);
        Assert.Equal("25", result.Record.JobIdRaw);
    }

    [Fact]
    public async Task A_task_id_or_its_raw_id_finds_the_task()
    {
        var (client, _) = Client(Row("100_2", "101"));
        var result = await client.LookupAsync(JobIdentifier.Parse("101"), null, TestContext.Current.CancellationToken);
        Assert.Equal("100_2", result.Record!.JobId);
    }

    [Theory]
    [InlineData("", JobLookupOutcome.NotFound, "no record of job 42")]
    [InlineData("42|42|Unknown|Unknown|c1|||u|a|PENDING|1|2|1G|normal|p|60|n", JobLookupOutcome.Pending, "pending")]
    [InlineData("42|42|None|1730214578|c1|||u|a|CANCELLED by 5|1|2|1G|normal|p|60|n", JobLookupOutcome.NeverStarted, "never started (state CANCELLED)")]
    public async Task Explains_jobs_it_cannot_report(string rows, JobLookupOutcome outcome, string message)
    {
        var (client, _) = Client(rows);
        var result = await client.LookupAsync(JobIdentifier.Parse("42"), null, TestContext.Current.CancellationToken);
        Assert.Equal(outcome, result.Outcome);
        Assert.Contains(message, result.Message);
    }

    [Fact]
    public async Task A_failing_sacct_is_an_error_with_its_message()
    {
        var (client, _) = Client("", exit: 1);
        var e = await Assert.ThrowsAsync<SlurmCommandException>(() => client.LookupAsync(JobIdentifier.Parse("42"), null, TestContext.Current.CancellationToken));
        Assert.Contains("Problem talking to the database", e.Message);
    }

    [Theory]
    [InlineData(ProcessOutcome.TimedOut, "sacct did not answer within 5 s")]
    [InlineData(ProcessOutcome.FailedToStart, "cannot run sacct: No such file or directory")]
    [InlineData(ProcessOutcome.OutputTooLarge, "sacct printed more than 64 MiB; stopped it")]
    public async Task A_sacct_that_did_not_exit_is_an_error_saying_how_it_ended(ProcessOutcome outcome, string message)
    {
        var runner = new RecordingProcessRunner(r => r.Arguments is ["-V"] ? RecordingProcessRunner.Ok("slurm 24.05.1\n")
            : ProcessResult.DidNotExit(outcome, outcome == ProcessOutcome.TimedOut ? "sacct did not finish within 5 s" : message));
        var client = new SacctClient(runner, TimeSpan.FromSeconds(5));
        var e = await Assert.ThrowsAsync<SlurmCommandException>(() => client.LookupAsync(JobIdentifier.Parse("42"), null, TestContext.Current.CancellationToken));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public async Task Batch_script_drops_the_header_lines_and_passes_the_cluster()
    {
        var runner = new RecordingProcessRunner(_ => RecordingProcessRunner.Ok("Batch Script for 42\n--------\n#!/bin/bash\nsrun hostname\n"));
        var client = new SacctClient(runner, TimeSpan.FromSeconds(5));
        string? script = await client.BatchScriptAsync(JobIdentifier.Parse("42"), "c1", TestContext.Current.CancellationToken);
        Assert.Equal("#!/bin/bash\nsrun hostname", script);
        Assert.Equal(["-B", "-j", "42", "-M", "c1"], runner.Requests[0].Arguments);
    }
}
