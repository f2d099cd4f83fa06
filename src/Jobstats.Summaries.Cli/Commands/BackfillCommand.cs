using System.CommandLine;
using Jobstats.Hosting;
using Jobstats.Slurm;
using Jobstats.Summaries.Service;
using Jobstats.Summaries.Storage;

namespace Jobstats.Summaries.Cli.Commands;

/// <summary><c>jobstats-summaries backfill</c>: queues recently ended jobs that have no summary.</summary>
internal static class BackfillCommand
{
    public static Command Create(CommonOptions common, TextWriter stdout, TextWriter stderr)
    {
        var hours = new Option<double?>("--hours") { Description = "How far back to look (default: summaries.backfill_window_hours, 48).", HelpName = "HOURS" };
        var dryRun = new Option<bool>("--dry-run") { Description = "List the jobs that would be queued, queue nothing." };
        var command = new Command("backfill", """
            Queue the jobs that ended in the window without a summary and whose data Prometheus still holds (one sacct
            query; with the external store, one more query per thousand jobs). Prints one raw job id a line. The
            service then stores them; it also runs this every summaries.backfill_interval_minutes.
            """) { hours, dryRun };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using ServiceContext? context = ServiceContext.Create(parse, common, "jobstats-summaries", stderr);
            if (context is null) return 1;
            double window = parse.GetValue(hours) ?? context.Settings.BackfillWindowHours;
            if (window <= 0 || window > 876000)
            {
                context.Log.Error("--hours must be more than 0 and at most 876000");
                return 1;
            }
            try
            {
                var backfiller = new Backfiller(context.Config, context.Sacct, context.OpenDatabase(), context.Queue);
                var jobs = await backfiller.RunAsync((long)(window * 3600), context.Setup.Cluster, Clock.Now(), parse.GetValue(dryRun), cancellationToken)
                    .ConfigureAwait(false);
                foreach (var job in jobs) await stdout.WriteLineAsync(job.JobIdRaw).ConfigureAwait(false);
                context.Log.Info(parse.GetValue(dryRun) ? $"{jobs.Count} jobs would be queued" : $"queued {jobs.Count} jobs");
                return 0;
            }
            catch (MySqlOptionFileException e)
            {
                foreach (string problem in e.Problems) context.Log.Error(problem);
                return 1;
            }
            catch (Exception e) when (e is SlurmCommandException or SummaryDatabaseException)
            {
                context.Log.Error(e.Message);
                return 1;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                context.Log.Error($"cannot queue in {context.Queue.Root}: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
