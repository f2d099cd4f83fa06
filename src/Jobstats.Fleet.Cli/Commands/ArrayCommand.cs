using System.CommandLine;
using Jobstats.Fleet.Cli.Fleet;
using Jobstats.Core.Fleet;
using Jobstats.Hosting;
using Jobstats.Slurm;
using Jobstats.Slurm.Accounting;
using Jobstats.Slurm.JobIds;

namespace Jobstats.Fleet.Cli.Commands;

/// <summary><c>jobstats array ARRAYID</c>: an array job's tasks at a glance.</summary>
internal static class ArrayCommand
{
    public static Command Create(CommonOptions common, TextWriter stdout, TextWriter stderr)
    {
        var arrayId = new Argument<string>("ARRAYID") { Description = "The array job's id (the part before _)." };
        var noColor = new Option<bool>("--no-color", "-n") { Description = "No colour and ASCII bars, even on a terminal." };
        var command = new Command("array", FleetCommands.ArrayDescription) { arrayId, noColor };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using Services? services = Services.Create(parse, common, "jobstats", stderr);
            if (services is null) return 1;
            if (!JobIdentifier.TryParse(parse.GetRequiredValue(arrayId), out JobIdentifier? id, out string? problem) || id.Text != id.BaseId)
            {
                services.Log.Error(problem ?? $"{id} names one task; give the array's own id, {id!.BaseId}");
                return 2;
            }
            var lister = new JobLister(services.Config, services.Sacct, services.Connections, services.PrometheusOverride, services.Timeout, services.Log);
            JobTableResult table;
            try { table = await lister.ListAsync(new JobListQuery { Ids = [id], Cluster = services.Cluster }, Clock.Now(), cancellationToken).ConfigureAwait(false); }
            catch (SlurmCommandException e) { services.Log.Error(e.Message); return 1; }
            var tasks = table.Rows.Where(r => r.JobId.StartsWith(id.Text + "_", StringComparison.Ordinal)).ToList();
            if (tasks.Count == 0)
            {
                services.Log.Error(table.Rows.Count == 0
                    ? $"Slurm has no record of job {id}. If it ran on another cluster, name that cluster with -c."
                    : $"Job {id} is not an array job; `jobstats {id}` reports it.");
                return 1;
            }
            bool color = Terminal.ColorWanted(parse.GetValue(noColor));
            await stdout.WriteAsync(new ArrayGlance(services.Config.Thresholds, color).Render(id.Text, tasks)).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
