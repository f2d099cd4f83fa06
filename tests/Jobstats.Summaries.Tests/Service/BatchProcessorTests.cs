using Jobstats.Core.Config;
using Jobstats.Core.Summary;
using Jobstats.Prometheus.Api;
using Jobstats.Prometheus.Queries;
using Jobstats.Slurm.Accounting;
using Jobstats.Slurm.AdminComments;
using Jobstats.Summaries.Queue;
using Jobstats.Summaries.Service;
using Jobstats.Summaries.Storage;

namespace Jobstats.Summaries.Tests.Service;

public sealed class BatchProcessorTests : IDisposable
{
    private const long Now = 2_000_000;
    private readonly FakeSlurm _slurm = new();
    private readonly RecordingLog _log = new();
    private readonly HttpClient _http = new();
    private readonly QueryGate _gate = new(4);
    // Nothing listens on port 1: Prometheus is down, for real, as far as the client can tell.
    private readonly JobstatsConfig _config = new() { PrometheusUrl = "http://127.0.0.1:1", TimeoutSeconds = 2 };

    public void Dispose()
    {
        _http.Dispose();
        _gate.Dispose();
    }

    private BatchProcessor Processor(ISummaryDatabase? database = null) =>
        new(_config, new SacctClient(_slurm.Runner, TimeSpan.FromSeconds(5)), new AdminCommentStore(_slurm.Runner, TimeSpan.FromSeconds(5)),
            database, new JobUsageQuery(_config, new PrometheusConnections(() => _http), null, TimeSpan.FromSeconds(2)) { Gate = _gate }, _log);

    private static QueueEntry Entry(string raw, long queuedAt = Now - 10) => new(raw, "lab", queuedAt);

    private static FakeSlurm.Job Brief(string raw) => new(raw, raw, Now - 100, Now - 90);

    [Fact]
    public async Task A_batch_costs_three_slurm_processes_whatever_its_size()
    {
        for (int i = 1; i <= 50; i++) _slurm.Add(Brief(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var entries = Enumerable.Range(1, 50).Select(i => Entry(i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();

        var results = await Processor().ProcessAsync(entries, Now, TestContext.Current.CancellationToken);

        Assert.All(results, r => Assert.Equal(EntryFate.Stored, r.Fate));
        Assert.All(results, r => Assert.Equal("short", r.StoredKind));
        Assert.Equal(50, _slurm.Comments.Values.Count(v => v == SummaryCodec.ShortLiteral));
        // One lookup, one sacctmgr for all writes, one read-back.
        Assert.Equal(2, _slurm.Runs("sacct"));
        Assert.Equal(1, _slurm.Runs("sacctmgr"));
        Assert.Equal(50, _slurm.Runner.Requests.Single(r => r.Name == "sacctmgr").Arguments.Count == 1
            ? System.Text.Encoding.UTF8.GetString(_slurm.Runner.Requests.Single(r => r.Name == "sacctmgr").StandardInput!.Value.Span).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length
            : -1);
    }

    [Fact]
    public async Task An_array_task_is_written_by_its_array_form_and_matched_by_its_raw_id()
    {
        _slurm.Add(new FakeSlurm.Job("40_3", "40", Now - 100, Now - 90));
        _slurm.Add(new FakeSlurm.Job("40_1", "41", Now - 100, Now - 90));
        var results = await Processor().ProcessAsync([Entry("40"), Entry("41")], Now, TestContext.Current.CancellationToken);
        Assert.All(results, r => Assert.Equal(EntryFate.Stored, r.Fate));
        string commands = System.Text.Encoding.UTF8.GetString(_slurm.Runner.Requests.Single(r => r.Name == "sacctmgr").StandardInput!.Value.Span);
        Assert.Contains("modify job where jobid=40_3 set AdminComment=JS1:Short\n", commands, StringComparison.Ordinal);
        Assert.Contains("modify job where jobid=40_1 set AdminComment=JS1:Short\n", commands, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slurm_that_lower_cases_gets_the_case_safe_form_from_then_on()
    {
        _slurm.LowerCases = true;
        _slurm.Add(Brief("1"));
        _slurm.Add(Brief("2"));
        var processor = Processor();
        var results = await processor.ProcessAsync([Entry("1"), Entry("2")], Now, TestContext.Current.CancellationToken);
        Assert.All(results, r => Assert.Equal(EntryFate.Stored, r.Fate));
        Assert.True(processor.LowerCasingSlurm);
        Assert.Equal(SummaryCodec.CaseSafeShortLiteral, _slurm.Comments["1"]);
        Assert.Equal(SummaryCodec.CaseSafeShortLiteral, _slurm.Comments["2"]);

        _slurm.Add(Brief("3"));
        await processor.ProcessAsync([Entry("3")], Now, TestContext.Current.CancellationToken);
        Assert.Equal(SummaryCodec.CaseSafeShortLiteral, _slurm.Comments["3"]);
        Assert.Equal(3, _slurm.Runs("sacctmgr"));
    }

    [Fact]
    public async Task Each_job_gets_the_fate_its_record_calls_for()
    {
        _slurm.Add(new FakeSlurm.Job("2", "2", Now - 100, null, "RUNNING"));
        _slurm.Add(new FakeSlurm.Job("3", "3", null, null, "PENDING"));
        _slurm.Add(new FakeSlurm.Job("4", "4", null, Now - 50, "CANCELLED"));
        _slurm.Add(Brief("5"));
        _slurm.Comments["5"] = SummaryCodec.NoneLiteral;
        _slurm.Add(Brief("6"));
        _slurm.Comments["6"] = "see ticket 4711";

        var results = (await Processor().ProcessAsync([Entry("1"), Entry("2"), Entry("3"), Entry("4"), Entry("5"), Entry("6")], Now,
            TestContext.Current.CancellationToken)).ToDictionary(r => r.Entry.JobIdRaw);

        Assert.Equal((EntryFate.Retry, FailureCause.NotRecorded), (results["1"].Fate, results["1"].Cause));
        Assert.Equal((EntryFate.Retry, FailureCause.NotRecorded), (results["2"].Fate, results["2"].Cause));
        Assert.Equal(EntryFate.NothingToDo, results["3"].Fate);
        Assert.Equal(EntryFate.NothingToDo, results["4"].Fate);
        Assert.Equal(EntryFate.NothingToDo, results["5"].Fate);
        Assert.Equal(EntryFate.NothingToDo, results["6"].Fate);
        Assert.Equal("see ticket 4711", _slurm.Comments["6"]);
        Assert.Contains(_log.Lines, l => l.StartsWith("warning: job 6: its AdminComment holds something", StringComparison.Ordinal));
        Assert.Equal(0, _slurm.Runs("sacctmgr"));
    }

    [Fact]
    public async Task A_job_slurm_never_recorded_is_given_up_once_prometheus_cannot_have_its_data()
    {
        _config.Summaries.PrometheusRetentionDays = 1;
        var results = await Processor().ProcessAsync([Entry("1", Now - 2 * 86400)], Now, TestContext.Current.CancellationToken);
        Assert.Equal(EntryFate.GaveUp, Assert.Single(results).Fate);
    }

    [Fact]
    public async Task With_slurmdbd_down_every_job_waits_with_the_slurm_cause()
    {
        _slurm.Add(Brief("1"));
        _slurm.SlurmdbdDown = true;
        var results = await Processor().ProcessAsync([Entry("1"), Entry("2")], Now, TestContext.Current.CancellationToken);
        Assert.All(results, r => Assert.Equal((EntryFate.Retry, FailureCause.Slurm), (r.Fate, r.Cause)));
        Assert.Contains("Connection refused", results[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_write_that_did_not_take_is_not_taken_for_stored()
    {
        _slurm.Add(Brief("1"));
        _slurm.WritesFail = true;
        var result = Assert.Single(await Processor().ProcessAsync([Entry("1")], Now, TestContext.Current.CancellationToken));
        Assert.Equal((EntryFate.Retry, FailureCause.Slurm), (result.Fate, result.Cause));
        Assert.Contains("read back", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_prometheus_down_a_job_waits_unless_prometheus_can_no_longer_have_its_data()
    {
        _config.Summaries.PrometheusRetentionDays = 1;
        _slurm.Add(new FakeSlurm.Job("1", "1", Now - 4000, Now - 100));
        _slurm.Add(new FakeSlurm.Job("2", "2", Now - 3 * 86400, Now - 2 * 86400));
        var results = (await Processor().ProcessAsync([Entry("1"), Entry("2")], Now, TestContext.Current.CancellationToken))
            .ToDictionary(r => r.Entry.JobIdRaw);
        Assert.Equal((EntryFate.Retry, FailureCause.Prometheus), (results["1"].Fate, results["1"].Cause));
        Assert.Contains("cannot reach Prometheus", results["1"].Message, StringComparison.Ordinal);
        Assert.Equal((EntryFate.Stored, "none"), (results["2"].Fate, results["2"].StoredKind));
        Assert.Equal(SummaryCodec.NoneLiteral, _slurm.Comments["2"]);
        Assert.False(_slurm.Comments.ContainsKey("1"));
    }

    [Fact]
    public async Task Database_only_never_writes_into_slurm()
    {
        _config.Summaries.Store = SummaryStoreMode.Database;
        var database = new InMemorySummaryDatabase();
        _slurm.Add(Brief("1"));
        _slurm.Add(Brief("2"));
        _slurm.Comments["2"] = "not ours";
        var results = await Processor(database).ProcessAsync([Entry("1"), Entry("2")], Now, TestContext.Current.CancellationToken);
        Assert.All(results, r => Assert.Equal(EntryFate.Stored, r.Fate));
        Assert.Equal(SummaryCodec.ShortLiteral, database.Rows[("lab", 1)].Value);
        Assert.Equal(SummaryCodec.ShortLiteral, database.Rows[("lab", 2)].Value);
        Assert.Equal(1, database.Writes);
        Assert.Equal(0, _slurm.Runs("sacctmgr"));
        Assert.Equal("not ours", _slurm.Comments["2"]);
    }

    [Fact]
    public async Task The_mirror_keeps_upstreams_exact_payload_in_the_database_while_slurm_gets_what_it_can_keep()
    {
        _config.Summaries.Store = SummaryStoreMode.DatabaseAndAdminComment;
        _slurm.LowerCases = true;
        var database = new InMemorySummaryDatabase();
        _slurm.Add(Brief("1"));
        var processor = Processor(database);
        processor.LowerCasingSlurm = true;
        var result = Assert.Single(await processor.ProcessAsync([Entry("1")], Now, TestContext.Current.CancellationToken));
        Assert.Equal(EntryFate.Stored, result.Fate);
        Assert.Equal(SummaryCodec.ShortLiteral, database.Rows[("lab", 1)].Value);
        Assert.Equal(SummaryCodec.CaseSafeShortLiteral, _slurm.Comments["1"]);
    }

    [Fact]
    public async Task A_failed_mirror_is_logged_not_retried_and_a_failed_database_is_retried_without_touching_slurm()
    {
        _config.Summaries.Store = SummaryStoreMode.DatabaseAndAdminComment;
        var database = new InMemorySummaryDatabase();
        _slurm.Add(Brief("1"));
        _slurm.WritesFail = true;
        var mirrored = Assert.Single(await Processor(database).ProcessAsync([Entry("1")], Now, TestContext.Current.CancellationToken));
        Assert.Equal(EntryFate.Stored, mirrored.Fate);
        Assert.Contains(_log.Lines, l => l.Contains("the copy in AdminComment failed", StringComparison.Ordinal));

        database.Down = true;
        _slurm.WritesFail = false;
        _slurm.Add(Brief("2"));
        var failed = Assert.Single(await Processor(database).ProcessAsync([Entry("2")], Now, TestContext.Current.CancellationToken));
        Assert.Equal((EntryFate.Retry, FailureCause.Database), (failed.Fate, failed.Cause));
        Assert.False(_slurm.Comments.ContainsKey("2"));
    }
}
