using Jobstats.Hosting;
using System.CommandLine;
using Jobstats.Cli.Reporting;
using Jobstats.Core.Rendering;

namespace Jobstats.Cli.Commands;

/// <summary>The default command: <c>jobstats [options] JOBID...</c>.</summary>
internal static class ReportCommand
{
    public const string Description = """
        Show how efficiently Slurm jobs used their CPUs, memory and GPUs.

        Finished jobs are read from the summary stored in Slurm's AdminComment; running jobs and jobs without a
        summary are measured through Prometheus.

        Examples:
          jobstats 1234567                 report one job
          jobstats 1234567_4 1234570       an array task and another job
          jobstats -c othercluster 98765   a job of another cluster
          jobstats -n 1234567 | less       plain text without colour
          jobstats --format json 1234567   the whole report as JSON
          jobstats -j 1234567              the per-node figures (JSON)
          jobstats store 1234567           store a finished job's summary (slurmctld epilog)
        """;

    public static Command Create(CommonOptions common, TextWriter stdout, TextWriter stderr)
    {
        var jobIds = new Argument<string[]>("JOBID") { Arity = ArgumentArity.OneOrMore, Description = "Slurm job ids (123, 123_4, 123+1)." };
        var json = new Option<bool>("--json", "-j") { Description = "Print the per-node figures as JSON (the summary's format), no report." };
        var base64 = new Option<bool>("--base64", "-b") { Description = "Print the per-node figures as the summary payload (gzip + base64), or Short / None." };
        var force = new Option<bool>("--force", "-f") { Description = "Ignore the stored summary and ask Prometheus." };
        var noColor = new Option<bool>("--no-color", "-n") { Description = "No colour, even on a terminal." };
        var batch = new Option<bool>("--batch-script", "-B") { Description = "Append the job's batch script, if Slurm kept it." };
        var format = new Option<string>("--format") { Description = "Report format: text or json (the whole report).", DefaultValueFactory = _ => "text", HelpName = "FORMAT" };
        format.AcceptOnlyFromAmong("text", "json");

        var root = new Command(ProgramCommand.Name, Description) { jobIds, json, base64, force, noColor, batch, format };
        common.AddTo(root);
        ProgramCommand.AddHelpAndVersion(root);
        root.SetAction(async (parse, cancellationToken) =>
        {
            using Services? services = Services.Create(parse, common, "jobstats", stderr);
            if (services is null) return 1;
            OutputMode mode = parse.GetValue(base64) ? OutputMode.Base64
                : parse.GetValue(json) ? OutputMode.NodeDictionary
                : parse.GetValue(format) == "json" ? OutputMode.Json : OutputMode.Text;
            bool color = Terminal.ColorWanted(parse.GetValue(noColor));
            var reporter = new JobReporter(services.Config, services.Sacct, services.Data, services.Log);

            bool anyFailed = false;
            var jsonReports = new List<JsonJobReport>();
            var jsonErrors = new List<JsonJobError>();
            foreach (string id in parse.GetValue(jobIds) ?? [])
            {
                var request = new ReportRequest(id, services.Cluster, mode, parse.GetValue(force), color, parse.GetValue(batch));
                ReportOutcome outcome = await reporter.ReportAsync(request, cancellationToken).ConfigureAwait(false);
                if (!outcome.Success)
                {
                    anyFailed = true;
                    services.Log.Error(outcome.Error);
                    jsonErrors.Add(new JsonJobError(id, outcome.Error));
                    continue;
                }
                if (outcome.Json is not null) jsonReports.Add(outcome.Json);
                if (outcome.Output is not null) await stdout.WriteAsync(outcome.Output).ConfigureAwait(false);
            }
            if (mode == OutputMode.Json)
                await stdout.WriteLineAsync(JsonReport.Serialize(new JsonReportDocument(jsonReports, jsonErrors))).ConfigureAwait(false);
            return anyFailed ? 1 : 0;
        });
        return root;
    }
}
