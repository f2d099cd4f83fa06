using Jobstats.Hosting;
using System.CommandLine;
using Jobstats.Cli.Reporting;

namespace Jobstats.Cli.Commands;

/// <summary><c>jobstats store JOBID</c>: what the slurmctld epilog runs when a job ends.</summary>
internal static class StoreCommand
{
    public static Command Create(CommonOptions common, TextWriter stdout, TextWriter stderr)
    {
        var jobId = new Argument<string>("JOBID") { Description = "The finished job: SLURM_JOB_ID in the epilog, i.e. a JobIDRaw (an array task by its own raw id), or 123_4." };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace an AdminComment that is not a jobstats summary." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the value that would be stored instead of storing it." };
        var command = new Command("store", """
            Store a finished job's summary in its Slurm AdminComment (run by the slurmctld epilog as the SlurmUser).
            Exit 0 when a summary (or the Short / None marker) was stored or the job never ran, 1 otherwise.
            Always logs to syslog as well as stderr.

            Examples:
              jobstats store 1234567
              jobstats store --syslog --timeout 20 "$SLURM_JOB_ID"
              jobstats store --dry-run 1234567
            """) { jobId, overwrite, dryRun };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            // The epilog has no terminal: store always logs to syslog as well as stderr.
            using Services? services = Services.Create(parse, common, "jobstats-store", stderr, alwaysSyslog: true);
            if (services is null) return 1;
            // The whole store is bounded: the Prometheus timeout plus room for sacct and two sacctmgr round trips.
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(services.Timeout + TimeSpan.FromSeconds(120));
            var storer = new SummaryStorer(services.Config, services.Sacct, services.AdminComments, services.Data, services.Log, stdout);
            return await storer.StoreAsync(
                new StoreRequest(parse.GetRequiredValue(jobId), services.Cluster, parse.GetValue(overwrite), parse.GetValue(dryRun)),
                deadline.Token).ConfigureAwait(false);
        });
        return command;
    }
}
