using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using Jobstats.Cli.Infrastructure;
using Jobstats.Prometheus.Api;
using Jobstats.Prometheus.Queries;
using Jobstats.Processes;
using Jobstats.Summaries.Queue;
using Jobstats.Summaries.Service;

namespace Jobstats.Cli.Commands;

/// <summary>
/// <c>jobstats summaries queue|serve|status|backfill</c>: the queued path for job summaries. The slurmctld epilog
/// only queues the job; the service on the controller stores summaries in batches and retries what failed.
/// </summary>
internal static class SummariesCommand
{
    public static Command Create(CommonOptions common, TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("summaries", """
            The queued, batched path for job summaries (see the admin guide):
              queue JOBID      record an ended job (the slurmctld epilog; no Slurm, Prometheus or network call)
              serve            the summary service: store queued jobs' summaries in batches, retry, backfill
              status           the queue and the service's figures
              backfill         queue ended jobs of a recent window that have no summary
            """);
        command.Add(Queue(common, stderr));
        command.Add(Serve(common, stderr));
        command.Add(Status(common, stdout, stderr));
        command.Add(Backfill(common, stdout, stderr));
        return command;
    }

    private static Command Queue(CommonOptions common, TextWriter stderr)
    {
        var jobId = new Argument<string>("JOBID") { Description = "The ended job's SLURM_JOB_ID (a raw id: digits only)." };
        var command = new Command("queue", """
            Record an ended job for the summary service: one small file written and synced in the spool directory.
            Exit 0 once the entry is on disk (or was already queued), 1 otherwise. Always logs to syslog as well.
            The cluster is -c, else $SLURM_CLUSTER_NAME, else sacct's default.

            Example (slurmctld epilog):
              jobstats summaries queue "$SLURM_JOB_ID"
            """) { jobId };
        common.AddTo(command);
        command.SetAction(parse =>
        {
            using Services? services = Services.Create(parse, common, "jobstats-queue", stderr, alwaysSyslog: true);
            if (services is null) return 1;
            string id = parse.GetValue(jobId)!;
            string cluster = services.Cluster ?? Environment.GetEnvironmentVariable("SLURM_CLUSTER_NAME") ?? "";
            if (!QueueEntry.IsValidJobIdRaw(id))
            {
                services.Log.Error($"'{id}' is not a raw Slurm job id (SLURM_JOB_ID: digits only)");
                return 1;
            }
            if (!QueueEntry.IsValidCluster(cluster))
            {
                services.Log.Error($"'{cluster}' is not a Slurm cluster name");
                return 1;
            }
            var queue = new SpoolQueue(services.Config.Summaries.SpoolDirectory);
            try
            {
                bool added = queue.Enqueue(id, cluster, Clock.Now());
                services.Log.Debug(added ? $"job {id}: queued in {queue.QueueDirectory}" : $"job {id}: already queued");
                return 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                services.Log.Error($"job {id}: could not queue it in {queue.QueueDirectory}: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static Command Serve(CommonOptions common, TextWriter stderr)
    {
        var once = new Option<bool>("--once") { Description = "Run one round over what is due now, then exit (for tests and cron)." };
        var command = new Command("serve", """
            Run the summary service (systemd unit jobstats-summaries on the controller, as the SlurmUser). It stores the
            summaries of queued jobs in batches: one sacct lookup, bounded Prometheus queries, one sacctmgr process
            per batch; it retries failures with backoff and backfills periodically. SIGTERM stops it; nothing queued
            is lost at any moment.
            """) { once };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var runner = new CountingProcessRunner(new ProcessRunner());
            using Services? services = Services.Create(parse, common, "jobstats-summaries", stderr, alwaysSyslog: true, runner: runner);
            if (services is null) return 1;
            var settings = services.Config.Summaries;
            var log = new ServiceLog(services.Log);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.Cancel(); });

            using var http = new HttpClient { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
            using var gate = new QueryGate(settings.PrometheusConcurrency);
            var prometheus = new JobUsageQuery(services.Config, () => http, services.PrometheusOverride, services.Timeout,
                services.Log.DebugEnabled ? services.Log.Debug : null) { Gate = gate };
            var queue = new SpoolQueue(settings.SpoolDirectory);
            var processor = new BatchProcessor(services.Config, services.Sacct, services.AdminComments, null, prometheus, log);
            var health = new ServiceHealth();
            var service = new SummaryService(services.Config, queue, processor, new Backfiller(services.Config, services.Sacct, null, queue),
                health, log, Clock.Now);
            try
            {
                processor.LowerCasingSlurm = (await services.AdminComments.SacctmgrVersionAsync(stop.Token).ConfigureAwait(false))
                    ?.LowerCasesAdminComment == true;
                if (parse.GetValue(once))
                {
                    queue.EnsureLayout();
                    await service.RoundAsync(stop.Token).ConfigureAwait(false);
                    return 0;
                }
                log.Info($"summary service started: spool {queue.Root}, batches of {settings.BatchSize}, " +
                         $"{settings.PrometheusConcurrency} Prometheus queries in flight at most, store {settings.Store}");
                await service.RunAsync(stop.Token).ConfigureAwait(false);
                log.Info("summary service stopped");
                return 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                log.Error($"the spool directory {queue.Root} cannot be used: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static Command Status(CommonOptions common, TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("status", "Show the summary queue (depth, oldest entry, what entries wait on) and the service's figures.");
        common.AddTo(command);
        command.SetAction(parse =>
        {
            using Services? services = Services.Create(parse, common, "jobstats", stderr);
            if (services is null) return 1;
            var queue = new SpoolQueue(services.Config.Summaries.SpoolDirectory);
            if (!Directory.Exists(queue.Root))
            {
                services.Log.Error($"there is no summary spool at {queue.Root} (summaries.spool_dir)");
                return 1;
            }
            try
            {
                long now = Clock.Now();
                QueueFigures figures = QueueFigures.Of(queue.Read(), now);
                stdout.Write(StatusText.Render(queue.Root, figures, StatusFile.Read(queue.Root), now));
                return 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                services.Log.Error($"cannot read the summary spool {queue.Root}: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static Command Backfill(CommonOptions common, TextWriter stdout, TextWriter stderr)
    {
        var hours = new Option<double?>("--hours") { Description = "How far back to look (default: summaries.backfill_window_hours, 48).", HelpName = "HOURS" };
        var dryRun = new Option<bool>("--dry-run") { Description = "List the jobs that would be queued, queue nothing." };
        var command = new Command("backfill", """
            Queue the jobs that ended in the window without a summary and whose data Prometheus still holds (one sacct
            query). Prints one job id a line. The service then stores them; it also runs this every
            summaries.backfill_interval_minutes.
            """) { hours, dryRun };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using Services? services = Services.Create(parse, common, "jobstats", stderr);
            if (services is null) return 1;
            var settings = services.Config.Summaries;
            double window = parse.GetValue(hours) ?? settings.BackfillWindowHours;
            if (window <= 0 || window > 876000)
            {
                services.Log.Error("--hours must be more than 0 and at most 876000");
                return 1;
            }
            var queue = new SpoolQueue(settings.SpoolDirectory);
            try
            {
                var jobs = await new Backfiller(services.Config, services.Sacct, null, queue)
                    .RunAsync((long)(window * 3600), services.Cluster, Clock.Now(), parse.GetValue(dryRun), cancellationToken).ConfigureAwait(false);
                foreach (var job in jobs) await stdout.WriteLineAsync(job.JobIdRaw).ConfigureAwait(false);
                services.Log.Info(parse.GetValue(dryRun) ? $"{jobs.Count} jobs would be queued" : $"queued {jobs.Count} jobs");
                return 0;
            }
            catch (Jobstats.Slurm.SlurmCommandException e) { services.Log.Error(e.Message); return 1; }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                services.Log.Error($"cannot queue in {queue.Root}: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
