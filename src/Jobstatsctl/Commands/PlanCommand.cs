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
        var diff = new Option<bool>("--diff") { Description = "Also print unified diffs of the text files apply would create or change" };
        var save = new Option<string?>("--out", "-o") { Description = "Also save the plan to FILE, for `jobstatsctl apply FILE` to make exactly these changes" };
        var command = new Command("plan", """
            Show what apply would change on every host, without changing anything.
            Exit 0 when converged, 3 when changes are pending, 1 when a host cannot be read.

            Examples:
              jobstatsctl plan -i cluster.yaml
              jobstatsctl plan -i cluster.yaml --json | jq '.hosts[].resources[] | select(.action != "ok")'
              jobstatsctl plan -i cluster.yaml -o cluster.plan && jobstatsctl apply cluster.plan
              jobstatsctl plan -i cluster.yaml --diff
            """) { inventory, json, yes, logDir, save, diff };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var loaded = await DeploymentInput.LoadAsync(parse.GetRequiredValue(inventory), ct);
            var plan = await new Planner(loaded.Targets, loaded.Cmsh, loaded.Inventory.Target.Ssh.Parallelism).PlanAsync(loaded.Deployment, ct);
            if (parse.GetValue(json)) PlanPrinter.PrintJson(plan, Console.Out);
            else PlanPrinter.PrintText(plan, Console.Out);
            if (parse.GetValue(diff)) await PrintDiffsAsync(plan, loaded.Targets, ct);
            foreach (var h in plan.Hosts.Where(h => h.Error is not null)) Console.Error.WriteLine($"error: {h.Host.Name}: {h.Error}");
            if (parse.GetValue(save) is { } file)
            {
                await SavedPlan.SaveAsync(plan, parse.GetRequiredValue(inventory).FullName, file, ct);
                Console.Error.WriteLine($"plan saved to {file}: `jobstatsctl apply {file}` makes exactly these changes");
            }
            if (loaded.Inventory.Roles.ContainsKey(RoleNames.Controller) &&
                await SummaryStoreAdvice.ForAsync(loaded.Inventory, new Jobstats.Processes.ProcessRunner(), ct) is { } advice)
                Console.Error.WriteLine($"note: {advice}");
            return plan.HasErrors ? ExitCodes.Failure : plan.HasChanges ? ExitCodes.Pending : ExitCodes.Success;
        }));
        return command;
    }

    private static async Task PrintDiffsAsync(Plan plan, ITargetFactory targets, CancellationToken ct)
    {
        foreach (var host in plan.Hosts.Where(h => h.HasChanges && h.Error is null))
        {
            var target = targets.Open(host.Host);
            await using var disposeTarget = target;
            foreach (var change in host.Changes)
                if (await PlanDiff.ForAsync(change, target, ct) is { } text)
                {
                    Console.Out.WriteLine();
                    Console.Out.Write(text);
                }
        }
    }
}
