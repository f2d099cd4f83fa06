using System.CommandLine;
using Jobstats.Deploy.Engine;
using Jobstats.Deploy.Inventories;
using Jobstatsctl.Output;

namespace Jobstatsctl.Commands;

internal static class PlanCommand
{
    public static Command Create()
    {
        var inventory = CommonOptions.Inventory();
        var json = new Option<bool>("--json") { Description = "Print the plan as JSON" };
        // Accepted so that the command line of apply also works for plan; plan changes nothing, so asks nothing and logs nothing.
        var yes = CommonOptions.Yes("Accepted for the same command line as apply; plan never asks (it changes nothing)");
        var logDir = CommonOptions.LogDirectory("Accepted for the same command line as apply; plan writes no log (it changes nothing)");
        var command = new Command("plan", """
            Show what apply would change on every host, without changing anything.
            Exit 0 when converged, 3 when changes are pending, 1 when a host cannot be read.

            Examples:
              jobstatsctl plan -i cluster.yaml
              jobstatsctl plan -i cluster.yaml --json | jq '.hosts[].resources[] | select(.action != "ok")'
            """) { inventory, json, yes, logDir };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var loaded = await DeploymentInput.LoadAsync(parse.GetRequiredValue(inventory), ct);
            var plan = await new Planner(loaded.Targets, loaded.Cmsh, loaded.Inventory.Target.Ssh.Parallelism).PlanAsync(loaded.Deployment, ct);
            if (parse.GetValue(json)) PlanPrinter.PrintJson(plan, Console.Out);
            else PlanPrinter.PrintText(plan, Console.Out);
            foreach (var h in plan.Hosts.Where(h => h.Error is not null)) Console.Error.WriteLine($"error: {h.Host.Name}: {h.Error}");
            if (loaded.Inventory.Roles.ContainsKey(RoleNames.Controller) &&
                await SummaryStoreAdvice.ForAsync(loaded.Inventory, new Jobstats.Processes.ProcessRunner(), ct) is { } advice)
                Console.Error.WriteLine($"note: {advice}");
            return plan.HasErrors ? ExitCodes.Failure : plan.HasChanges ? ExitCodes.Pending : ExitCodes.Success;
        }));
        return command;
    }
}
