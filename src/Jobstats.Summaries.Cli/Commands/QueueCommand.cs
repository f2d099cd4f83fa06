using System.CommandLine;
using Jobstats.Hosting;
using Jobstats.Summaries.Queue;

namespace Jobstats.Summaries.Cli.Commands;

/// <summary><c>jobstats-summaries queue JOBID</c>: what the slurmctld epilog runs when a job ends.</summary>
internal static class QueueCommand
{
    public static Command Create(CommonOptions common, TextWriter stderr)
    {
        var jobId = new Argument<string>("JOBID") { Description = "The ended job's SLURM_JOB_ID (a raw id: digits only)." };
        var command = new Command("queue", """
            Record an ended job for the summary service: one small file written and synced in the spool directory;
            no Slurm, Prometheus or network call. Exit 0 once the entry is on disk (or the job was already queued),
            1 otherwise. Always logs to syslog as well. The cluster is -c, else $SLURM_CLUSTER_NAME, else sacct's
            default.

            Example (slurmctld epilog):
              jobstats-summaries queue "$SLURM_JOB_ID"
            """) { jobId };
        common.AddTo(command);
        command.SetAction(parse =>
        {
            using ServiceContext? context = ServiceContext.Create(parse, common, "jobstats-queue", stderr, alwaysSyslog: true);
            if (context is null) return 1;
            string id = parse.GetRequiredValue(jobId);
            string cluster = context.Setup.Cluster ?? Environment.GetEnvironmentVariable("SLURM_CLUSTER_NAME") ?? "";
            if (!QueueEntry.IsValidJobIdRaw(id))
            {
                context.Log.Error($"'{id}' is not a raw Slurm job id (SLURM_JOB_ID: digits only)");
                return 1;
            }
            if (!QueueEntry.IsValidCluster(cluster))
            {
                context.Log.Error($"'{cluster}' is not a Slurm cluster name");
                return 1;
            }
            try
            {
                bool added = context.Queue.Enqueue(id, cluster, Clock.Now());
                context.Log.Debug(added ? $"job {id}: queued in {context.Queue.QueueDirectory}" : $"job {id}: already queued");
                return 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                context.Log.Error($"job {id}: could not queue it in {context.Queue.QueueDirectory}: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
