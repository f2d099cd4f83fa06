using System.CommandLine;
using Jobstats.Hosting;
using Jobstats.Prometheus.Api;
using Jobstats.Slurm;
using Jobstats.Slurm.Accounting;
using Jobstats.Summaries.IdleGpus;

namespace Jobstats.Summaries.Cli.Commands;

/// <summary><c>jobstats-summaries idle-gpus</c>: the opt-in action on running jobs whose GPUs sit idle (a systemd timer runs it).</summary>
internal static class IdleGpusCommand
{
    public static Command Create(CommonOptions common, TextWriter stderr)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Only log what would be done, whatever idle_gpus.mode says." };
        var command = new Command("idle-gpus", """
            Warn the owners of running jobs whose every GPU has been at 0% for idle_gpus.idle_minutes (interactive jobs:
            interactive_idle_minutes), and with mode warn_and_cancel cancel those still idle grace_minutes after the
            warning. One sacct call for the running jobs, one Prometheus range query per cluster. Each job is warned
            once and cancelled once (idle_gpus.state_file). Excluded users and partitions are left alone. Nothing is
            mailed or cancelled unless idle_gpus.mode says so: the default is a dry run. Logs every action to syslog.

            Examples:
              jobstats-summaries idle-gpus --dry-run
              jobstats-summaries idle-gpus -d
            """) { dryRun };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using ServiceContext? context = ServiceContext.Create(parse, common, "jobstats-idle-gpus", stderr, alwaysSyslog: true);
            if (context is null) return 1;
            var setup = context.Setup;
            using var connections = new PrometheusConnections();
            var guard = new IdleGpuGuard(context.Config, new SacctJobLists(context.Runner, setup.SlurmTimeout), context.Runner, connections,
                setup.PrometheusOverride, setup.Timeout, setup.SlurmTimeout, new ServiceLog(context.Log));
            try
            {
                return await guard.RunAsync(new IdleGpuRun(setup.Cluster, parse.GetValue(dryRun), Clock.Now()), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SlurmCommandException or PrometheusException or IOException or UnauthorizedAccessException)
            {
                context.Log.Error(e.Message);
                return 1;
            }
        });
        return command;
    }
}
