using System.CommandLine;
using System.Globalization;
using Jobstats.Core.Config;
using Jobstats.Hosting;
using Jobstats.Summaries.Queue;
using Jobstats.Summaries.Storage;

namespace Jobstats.Summaries.Cli.Commands;

/// <summary>
/// <c>jobstats-summaries read JOBIDRAW</c>: the summary the external store holds for a job, printed as stored (the
/// <c>JS1:</c> payload). jobstats asks this when a finished job's AdminComment is empty and summaries.store names the
/// database, so that jobstats itself links no database client.
/// </summary>
internal static class ReadCommand
{
    public static Command Create(CommonOptions common, TextWriter stdout, TextWriter stderr)
    {
        var jobId = new Argument<string>("JOBIDRAW") { Description = "The job's raw id (JobIDRaw)." };
        var command = new Command("read", """
            Print the summary the external store holds for a job (one line), or nothing when it holds none. Exit 0 in
            both cases, 1 when the store cannot be asked. The cluster is -c, else the config's only cluster.
            """) { jobId };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using ServiceContext? context = ServiceContext.Create(parse, common, "jobstats-summaries", stderr);
            if (context is null) return 1;
            string id = parse.GetRequiredValue(jobId);
            if (!QueueEntry.IsValidJobIdRaw(id) || !long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out long raw))
            {
                context.Log.Error($"'{id}' is not a raw Slurm job id (digits only)");
                return 1;
            }
            string? cluster = context.Setup.Cluster ?? (context.Config.Clusters.Count == 1 ? context.Config.Clusters.Keys.First() : null);
            if (cluster is null)
            {
                context.Log.Error("name the job's cluster with -c");
                return 1;
            }
            if (context.Settings.Store == SummaryStoreMode.AdminComment) return 0;
            try
            {
                var database = context.OpenDatabase()!;
                string? value = await database.ReadAsync(cluster, raw, cancellationToken).ConfigureAwait(false);
                if (value is not null) await stdout.WriteLineAsync(value.ReplaceLineEndings("")).ConfigureAwait(false);
                return 0;
            }
            catch (MySqlOptionFileException e)
            {
                foreach (string problem in e.Problems) context.Log.Error(problem);
                return 1;
            }
            catch (SummaryDatabaseException e)
            {
                context.Log.Error(e.Message);
                return 1;
            }
        });
        return command;
    }
}
