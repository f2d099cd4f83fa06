using Jobstats.Metrics.Exposition;
using Jobstats.Prometheus.Api;
using Jobstats.Summaries.JobInfo;
using Jobstats.Summaries.Queue;
using Jobstats.Summaries.Service;

namespace Jobstats.Summaries.Cli;

/// <summary>
/// The service's health as Prometheus metrics, for dashboards and alerts: how deep the queue is and how old its
/// oldest entry, what entries wait on, what failed and why, what was stored, and what it cost in Slurm client
/// processes and Prometheus queries. Built afresh on every scrape from the counters the service keeps.
/// </summary>
internal sealed class ServiceMetrics(ServiceHealth health, QueryGate gate, CountingProcessRunner runner, JobInfoSource? jobInfo)
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

    // No cluster label: the scrape target carries it, as it does for the node exporters' series this one is joined with.
    private static readonly MetricFamily JobInfo = new("jobstats_job_info",
        "1 for each running job, labelled with its owner (from squeue), for dashboards to group per-job series by.",
        "jobid", "user", "account", "partition");
    private static readonly MetricFamily JobInfoJobs = new("jobstats_summaries_job_info_jobs", "Running jobs jobstats_job_info shows now.");
    private static readonly MetricFamily JobInfoSuccess = new("jobstats_summaries_job_info_last_success_timestamp_seconds",
        "When squeue last answered (0: not yet).");
    private static readonly MetricFamily JobInfoFailing = new("jobstats_summaries_job_info_failing",
        "1 while squeue fails; the last list is kept for a while, then jobstats_job_info is empty.");
    private static readonly MetricFamily JobInfoFailures = new("jobstats_summaries_job_info_failures_total",
        "squeue runs that gave no usable answer.") { Kind = MetricKind.Counter };
    private static readonly MetricFamily JobInfoRefused = new("jobstats_summaries_job_info_refused_lines",
        "Lines of the last squeue answer that were refused (malformed or hostile values); those jobs have no info series.");

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
        if (jobInfo is not null) AddJobInfo(buffer, jobInfo.Current);
        return buffer;
    }

    private static void AddJobInfo(ScrapeBuffer buffer, JobInfoSnapshot snapshot)
    {
        buffer.Declare(JobInfo);
        foreach (var job in snapshot.Jobs) buffer.Add(JobInfo, 1, job.JobId, job.User, job.Account, job.Partition);
        buffer.Add(JobInfoJobs, snapshot.Jobs.Count);
        buffer.Add(JobInfoSuccess, snapshot.LastSuccessAt);
        buffer.Add(JobInfoFailing, snapshot.Failing ? 1 : 0);
        buffer.Add(JobInfoFailures, snapshot.Failures);
        buffer.Add(JobInfoRefused, snapshot.RefusedLines);
    }
}
