using Jobstats.Core.Config;
using Jobstats.Core.Summary;
using Jobstats.Prometheus.Api;
using Jobstats.Prometheus.Queries;
using Jobstats.Slurm.Accounting;
using Jobstats.Slurm.AdminComments;
using Jobstats.Summaries.Queue;
using Jobstats.Summaries.Service;
using Jobstats.Testing;

namespace Jobstats.Summaries.Tests.Service;

public sealed class SummaryServiceTests : IDisposable
{
    private readonly TempDirectory _root = new("jobstats-service-");
    private readonly FakeSlurm _slurm = new();
    private readonly RecordingLog _log = new();
    private readonly HttpClient _http = new();
    private readonly QueryGate _gate = new(4);
    private readonly JobstatsConfig _config = new() { PrometheusUrl = "http://127.0.0.1:1", TimeoutSeconds = 2 };
    private readonly ServiceHealth _health = new();
    private long _now = 2_000_000;

    public SummaryServiceTests() => _config.Summaries.SpoolDirectory = _root.Combine("spool");

    public void Dispose()
    {
        _http.Dispose();
        _gate.Dispose();
        _root.Dispose();
    }

    private SpoolQueue Queue => new(_config.Summaries.SpoolDirectory);

    private SummaryService Service()
    {
        var sacct = new SacctClient(_slurm.Runner, TimeSpan.FromSeconds(5));
        var processor = new BatchProcessor(_config, sacct, new AdminCommentStore(_slurm.Runner, TimeSpan.FromSeconds(5)), null,
            new JobUsageQuery(_config, new PrometheusConnections(() => _http), null, TimeSpan.FromSeconds(2)) { Gate = _gate }, _log);
        return new SummaryService(_config, Queue, processor, new Backfiller(_config, sacct, null, Queue), _health, _log, () => _now);
    }

    [Fact]
    public async Task Stored_jobs_leave_the_queue_and_failed_ones_stay_with_their_cause_until_due()
    {
        _slurm.Add(new FakeSlurm.Job("1", "1", _now - 100, _now - 90));
        Queue.Enqueue("1", "lab", _now);
        Queue.Enqueue("2", "lab", _now);
        var service = Service();

        Assert.Equal(2, await service.RoundAsync(TestContext.Current.CancellationToken));
        var left = Assert.Single(Queue.Read().Entries);
        Assert.Equal(("2", 1, FailureCause.NotRecorded), (left.JobIdRaw, left.Attempts, left.LastCause));
        Assert.True(left.NextAttemptAt > _now);
        Assert.Equal(SummaryCodec.ShortLiteral, _slurm.Comments["1"]);
        Assert.Equal(1, _health.Stored("short"));
        Assert.Equal(1, _health.Failures(FailureCause.NotRecorded));

        // Not due yet: nothing is asked of Slurm.
        int runs = _slurm.Runner.Requests.Count;
        Assert.Equal(0, await service.RoundAsync(TestContext.Current.CancellationToken));
        Assert.Equal(runs, _slurm.Runner.Requests.Count);

        // slurmdbd records the job; once due it is stored.
        _slurm.Add(new FakeSlurm.Job("2", "2", _now - 100, _now - 80));
        _now = left.NextAttemptAt;
        Assert.Equal(1, await service.RoundAsync(TestContext.Current.CancellationToken));
        Assert.Empty(Queue.Read().Entries);
        Assert.Equal(SummaryCodec.ShortLiteral, _slurm.Comments["2"]);
        var status = StatusFile.Read(_config.Summaries.SpoolDirectory)!;
        Assert.Equal("2", status["stored_short"]);
        Assert.Equal("1", status["failures_not_recorded"]);
    }

    [Fact]
    public async Task An_outage_backs_off_and_loses_nothing()
    {
        for (int i = 1; i <= 5; i++) _slurm.Add(new FakeSlurm.Job($"{i}", $"{i}", _now - 100, _now - 90));
        for (int i = 1; i <= 5; i++) Queue.Enqueue($"{i}", "lab", _now);
        _slurm.SlurmdbdDown = true;
        var service = Service();
        var delays = new List<long>();
        for (int attempt = 0; attempt < 4; attempt++)
        {
            await service.RoundAsync(TestContext.Current.CancellationToken);
            var entries = Queue.Read().Entries;
            Assert.Equal(5, entries.Count);
            Assert.All(entries, e => Assert.Equal(FailureCause.Slurm, e.LastCause));
            long next = entries.Min(e => e.NextAttemptAt);
            delays.Add(next - _now);
            _now = entries.Max(e => e.NextAttemptAt);
        }
        // Each wait at least doubles the last (jitter adds at most a fifth).
        for (int i = 1; i < delays.Count; i++) Assert.True(delays[i] >= delays[i - 1] * 1.6, string.Join(",", delays));
        Assert.Contains(_log.Lines, l => l.StartsWith("warning: job 1: looking the job up:", StringComparison.Ordinal));

        _slurm.SlurmdbdDown = false;
        await service.RoundAsync(TestContext.Current.CancellationToken);
        Assert.Empty(Queue.Read().Entries);
        Assert.Equal(5, _slurm.Comments.Count);
    }

    [Fact]
    public async Task A_bug_in_a_round_keeps_every_entry()
    {
        _slurm.Add(new FakeSlurm.Job("1", "1", _now - 100, _now - 90));
        Queue.Enqueue("1", "lab", _now);
        // An external store mode without a store open is a programming error: the round must survive it.
        _config.Summaries.Store = SummaryStoreMode.Database;
        await Service().RoundAsync(TestContext.Current.CancellationToken);
        var entry = Assert.Single(Queue.Read().Entries);
        Assert.Equal(FailureCause.Other, entry.LastCause);
        Assert.Contains(_log.Lines, l => l.StartsWith("error: unexpected error in a round of 1 jobs", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Backfill_queues_ended_jobs_without_a_summary_that_prometheus_still_holds()
    {
        _config.Summaries.PrometheusRetentionDays = 1;
        _slurm.Add(new FakeSlurm.Job("1", "1", _now - 100, _now - 90));
        _slurm.Add(new FakeSlurm.Job("2", "2", _now - 100, _now - 90));
        _slurm.Comments["2"] = SummaryCodec.ShortLiteral;
        _slurm.Add(new FakeSlurm.Job("3", "3", _now - 3 * 86400, _now - 2 * 86400));
        _slurm.Add(new FakeSlurm.Job("4", "4", null, _now - 90, "CANCELLED"));
        var backfillRunner = new Jobstats.Testing.RecordingProcessRunner(request =>
        {
            // `sacct -a -S now-N -E now -s ...` lists the window; answer with the fake's rows for every job.
            var ids = new[] { "1", "2", "3", "4" };
            var args = request.Arguments.ToList();
            Assert.Contains("-a", args);
            Assert.Equal("now-7200", args[args.IndexOf("-S") + 1]);
            return _slurm.Runner.RunAsync(request with { Arguments = [.. args.Where(a => a != "-a" && a != "-S" && a != "-E" && a != "-s"
                && !a.StartsWith("now", StringComparison.Ordinal) && !a.Contains("CD,", StringComparison.Ordinal)), "-j", string.Join(',', ids)] })
                .GetAwaiter().GetResult();
        });
        var backfiller = new Backfiller(_config, new SacctClient(backfillRunner, TimeSpan.FromSeconds(5)), null, Queue);
        var queued = await backfiller.RunAsync(7200, null, _now, dryRun: false, TestContext.Current.CancellationToken);
        Assert.Equal(["1"], queued.Select(j => j.JobIdRaw));
        Assert.Equal(["1"], Queue.Read().Entries.Select(e => e.JobIdRaw));
        // Run again: already queued, nothing new.
        Assert.Empty(await backfiller.RunAsync(7200, null, _now, dryRun: false, TestContext.Current.CancellationToken));
    }
}
