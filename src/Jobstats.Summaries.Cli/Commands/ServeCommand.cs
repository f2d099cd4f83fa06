using System.CommandLine;
using System.Runtime.InteropServices;
using Jobstats.Hosting;
using Jobstats.Metrics.Http;
using Jobstats.Metrics.Security;
using Jobstats.Prometheus.Api;
using Jobstats.Prometheus.Queries;
using Jobstats.Slurm.Queue;
using Jobstats.Summaries.JobInfo;
using Jobstats.Summaries.Service;
using Jobstats.Summaries.Storage;

namespace Jobstats.Summaries.Cli.Commands;

/// <summary><c>jobstats-summaries serve</c>: the summary service on the controller.</summary>
internal static class ServeCommand
{
    /// <summary>slurmctld is asked no more often than this, whatever summaries.job_info_interval_seconds says.</summary>
    private const double MinJobInfoIntervalSeconds = 10;

    public static Command Create(CommonOptions common, TextWriter stderr)
    {
        var once = new Option<bool>("--once") { Description = "Run one round over what is due now, then exit (for tests and cron)." };
        var webConfig = new Option<string?>("--web.config.file")
        { Description = "Web configuration file (the prometheus/exporter-toolkit format): TLS and basic auth for the metrics endpoint.", HelpName = "PATH" };
        var command = new Command("serve", """
            Run the summary service (systemd unit jobstats-summaries on the controller, as the SlurmUser). It stores the
            summaries of queued jobs in batches: one sacct lookup, bounded Prometheus queries, one sacctmgr process
            per batch (and/or one database transaction); it retries failures with backoff, backfills periodically and
            serves its own metrics on summaries.metrics_listen, with the owner of
            each running job (jobstats_job_info, from one squeue every summaries.job_info_interval_seconds). SIGTERM stops it; nothing queued is lost at any moment.
            """) { once, webConfig };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using ServiceContext? context = ServiceContext.Create(parse, common, "jobstats-summaries", stderr, alwaysSyslog: true);
            if (context is null) return 1;
            var settings = context.Settings;
            var log = new ServiceLog(context.Log);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => { signal.Cancel = true; stop.Cancel(); });
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => { signal.Cancel = true; stop.Cancel(); });

            System.Net.IPAddress? address = null;
            int port = 0;
            if (settings.MetricsListen.Length > 0 && !ListenAddress.TryParse(settings.MetricsListen, out address, out port, out string listenError))
            {
                context.Log.Error($"summaries.metrics_listen: {listenError}");
                return 1;
            }
            WebSecurity? security = null;
            if (parse.GetValue(webConfig) is { } webConfigFile)
            {
                var problems = new List<string>();
                security = WebSecurity.Load(webConfigFile, problems);
                foreach (string problem in problems) context.Log.Error(problem);
                if (security is null) return 1;
            }
            MariaDbSummaryStore? database;
            try { database = context.OpenDatabase(); }
            catch (MySqlOptionFileException e)
            {
                foreach (string problem in e.Problems) context.Log.Error(problem);
                return 1;
            }

            // Credentials are read at each query, so a rotated token file takes effect without a restart.
            using var connections = new PrometheusConnections();
            using var gate = new QueryGate(settings.PrometheusConcurrency);
            var prometheus = new JobUsageQuery(context.Config, connections, context.Setup.PrometheusOverride, context.Setup.Timeout,
                context.Log.DebugEnabled ? context.Log.Debug : null) { Gate = gate };
            var processor = new BatchProcessor(context.Config, context.Sacct, context.AdminComments, database, prometheus, log);
            var health = new ServiceHealth();
            var service = new SummaryService(context.Config, context.Queue, processor,
                new Backfiller(context.Config, context.Sacct, database, context.Queue), health, log, Clock.Now);
            try
            {
                context.Queue.EnsureLayout();
                processor.LowerCasingSlurm = (await context.AdminComments.SacctmgrVersionAsync(stop.Token).ConfigureAwait(false))
                    ?.LowerCasesAdminComment == true;
                if (parse.GetValue(once))
                {
                    await service.RoundAsync(stop.Token).ConfigureAwait(false);
                    return 0;
                }
                // Owners of running jobs are only worth asking for when something can scrape them.
                JobInfoSource? jobInfo = settings.MetricsListen.Length > 0 && settings.JobInfoIntervalSeconds > 0
                    ? new JobInfoSource(new SqueueClient(context.Runner, context.Setup.SlurmTimeout),
                        TimeSpan.FromSeconds(Math.Max(MinJobInfoIntervalSeconds, settings.JobInfoIntervalSeconds)), log, Clock.Now)
                    : null;
                using var server = settings.MetricsListen.Length > 0
                    ? new MetricsServer(Program.Name, new ServiceMetrics(health, gate, context.Runner, jobInfo).Scrape, log, security) : null;
                var endpoint = server?.Start(address, port);
                Task serving = server?.RunAsync(stop.Token) ?? Task.CompletedTask;
                Task polling = jobInfo?.RunAsync(stop.Token) ?? Task.CompletedTask;
                log.Info($"summary service started: spool {context.Queue.Root}, batches of {settings.BatchSize}, " +
                         $"at most {settings.PrometheusConcurrency} Prometheus queries in flight, store {settings.Store}" +
                         (endpoint is null ? ", no metrics endpoint" : $", metrics on {endpoint}") +
                         (processor.LowerCasingSlurm ? ", case-safe AdminComment (this Slurm lower-cases it)" : ""));
                await service.RunAsync(stop.Token).ConfigureAwait(false);
                await serving.ConfigureAwait(false);
                await polling.ConfigureAwait(false);
                log.Info("summary service stopped");
                return 0;
            }
            catch (System.Net.Sockets.SocketException e)
            {
                context.Log.Error($"cannot serve metrics on {settings.MetricsListen}: {e.Message}");
                return 1;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                context.Log.Error($"the spool directory {context.Queue.Root} cannot be used: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
