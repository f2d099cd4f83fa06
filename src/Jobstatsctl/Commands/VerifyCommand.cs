using System.CommandLine;
using System.Text.Json;
using Jobstats.Deploy.Engine;
using Jobstats.Deploy.State;

namespace Jobstatsctl.Commands;

internal static class VerifyCommand
{
    public static Command Create()
    {
        var inventory = CommonOptions.Inventory();
        var job = new Option<string?>("--job") { Description = "Also run `jobstats JOBID` for a recent job and check it reports" };
        var json = new Option<bool>("--json") { Description = "Print the checks as JSON" };
        var jobstats = new Option<string>("--jobstats") { Description = "The jobstats program to run for --job", DefaultValueFactory = _ => "/usr/local/bin/jobstats" };
        var command = new Command("verify", """
            Check that the deployment works: our files as apply wrote them (content, mode and owner, on every host,
            in the image and on shared storage), services running, exporters serving their metrics, Prometheus
            scraping them with the cluster label, Slurm settings in place. Each check prints pass/fail and why.
            Exit 1 on a failure.

            Examples:
              jobstatsctl verify -i cluster.yaml
              jobstatsctl verify -i cluster.yaml --job 123456
            """) { inventory, job, json, jobstats };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var loaded = await DeploymentInput.LoadAsync(parse.GetRequiredValue(inventory), ct);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(loaded.Inventory.Prometheus.TimeoutSeconds) };
            var result = await new Verifier(loaded.Targets, http, loaded.Processes, loaded.Cmsh).VerifyAsync(loaded.Deployment, parse.GetValue(job), parse.GetValue(jobstats)!, ct);
            if (parse.GetValue(json)) Console.Out.WriteLine(JsonSerializer.Serialize(result, DeployJsonContext.Default.VerifyDocument));
            else
                foreach (var c in result.Checks)
                    Console.Out.WriteLine($"{(c.Passed ? "PASS" : "FAIL")}  {c.Host,-16} {c.Check}: {c.Reason}");
            return result.Passed ? ExitCodes.Success : ExitCodes.Failure;
        }));
        return command;
    }
}
