using Jobstats.Metrics.Exposition;
using Jobstats.Prometheus.Api;
using Jobstats.Summaries.Queue;
using Jobstats.Summaries.Service;

namespace Jobstats.Summaries.Cli;

/// <summary>
/// The service's health as Prometheus metrics, for dashboards and alerts: how deep the queue is and how old its
/// oldest entry, what entries wait on, what failed and why, what was stored, and what it cost in Slurm client
/// processes and Prometheus queries. Built afresh on every scrape from the counters the service keeps.
/// </summary>
internal sealed class ServiceMetrics(ServiceHealth health, QueryGate gate, CountingProcessRunner runner)
{
    private static readonly MetricFamily QueueEntries = new("jobstats_summaries_queue_entries", "Ended jobs waiting for their summary.");
    private static readonly MetricFamily OldestAge = new("jobstats_summaries_queue_oldest_age_seconds",
        "Age of the oldest queued job; grows without bound while summaries cannot be stored.");
    private static readonly MetricFamily Waiting = new("jobstats_summaries_queue_waiting_entries",
        "Queued jobs by the cause of their last failed attempt.", "cause");
    private static readonly MetricFamily Bad = new("jobstats_summaries_queue_bad_entries",
        "Files moved out of the queue because they were not valid entries (kept for an admin).");
    private static readonly MetricFamily Stored = new("jobstats_summaries_stored_total", "Summaries stored since the service started, by kind.", "kind")
    { Kind = MetricKind.Counter };
    private static readonly MetricFamily Failures = new("jobstats_summaries_failures_total",
        "Failed attempts since the service started, by cause; each is retried later.", "cause") { Kind = MetricKind.Counter };
    private static readonly MetricFamily NothingToDo = new("jobstats_summaries_nothing_to_store_total",
        "Queued jobs that needed no summary (never ran, already had one, AdminComment not ours).") { Kind = MetricKind.Counter };
    private static readonly MetricFamily GaveUp = new("jobstats_summaries_given_up_total",
        "Queued jobs dropped because Slurm never recorded them within Prometheus' retention.") { Kind = MetricKind.Counter };
    private static readonly MetricFamily Backfilled = new("jobstats_summaries_backfill_queued_total",
        "Ended jobs without a summary that the backfill queued.") { Kind = MetricKind.Counter };
    private static readonly MetricFamily LastBackfill = new("jobstats_summaries_last_backfill_timestamp_seconds",
        "When the last backfill ran (0: not yet).");
    private static readonly MetricFamily BackfillFailing = new("jobstats_summaries_backfill_failing",
        "1 when the last backfill failed.");
    private static readonly MetricFamily LastRound = new("jobstats_summaries_last_round_timestamp_seconds",
        "When the service last went over its queue; stops advancing if the service hangs.");
    private static readonly MetricFamily SlurmRuns = new("jobstats_summaries_slurm_commands_total",
        "Slurm client processes run (each one slurmdbd connection), by program.", "program") { Kind = MetricKind.Counter };
    private static readonly MetricFamily Queries = new("jobstats_summaries_prometheus_queries_total",
        "Prometheus queries made.") { Kind = MetricKind.Counter };
    private static readonly MetricFamily InFlight = new("jobstats_summaries_prometheus_queries_in_flight",
        "Prometheus queries in flight now.");
    private static readonly MetricFamily InFlightLimit = new("jobstats_summaries_prometheus_queries_limit",
        "Most Prometheus queries in flight at once (summaries.prometheus_concurrency).");

    public ScrapeBuffer Scrape()
    {
        var buffer = new ScrapeBuffer();
        var queue = health.Queue;
        buffer.Add(QueueEntries, queue.Entries);
        buffer.Add(OldestAge, queue.OldestAgeSeconds);
        foreach (var cause in FailureCauses.All) buffer.Add(Waiting, queue.WaitingBy.GetValueOrDefault(cause), cause.Name());
        buffer.Add(Bad, queue.Bad);
        foreach (var kind in new[] { "usage", "short", "none" }) buffer.Add(Stored, health.Stored(kind), kind);
        foreach (var cause in FailureCauses.All) buffer.Add(Failures, health.Failures(cause), cause.Name());
        buffer.Add(NothingToDo, health.NothingToDo);
        buffer.Add(GaveUp, health.GaveUp);
        buffer.Add(Backfilled, health.BackfillQueued);
        buffer.Add(LastBackfill, health.LastBackfillAt);
        buffer.Add(BackfillFailing, health.LastBackfillProblem.Length > 0 ? 1 : 0);
        buffer.Add(LastRound, health.LastRoundAt);
        buffer.Declare(SlurmRuns);
        foreach (var (program, runs) in runner.Runs.OrderBy(r => r.Key, StringComparer.Ordinal)) buffer.Add(SlurmRuns, runs, program);
        buffer.Add(Queries, gate.Total);
        buffer.Add(InFlight, gate.InFlight);
        buffer.Add(InFlightLimit, gate.Limit);
        return buffer;
    }
}
