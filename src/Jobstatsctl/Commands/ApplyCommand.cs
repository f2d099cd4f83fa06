using System.CommandLine;
using System.Globalization;
using Jobstats.Deploy.Bcm;
using Jobstats.Deploy.Engine;
using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Workflows;
using Jobstatsctl.Output;
using Spectre.Console;

namespace Jobstatsctl.Commands;

internal static class ApplyCommand
{
    public static Command Create()
    {
        var inventory = CommonOptions.Inventory();
        var yes = CommonOptions.Yes();
        var logDir = CommonOptions.LogDirectory();
        var command = new Command("apply", """
            Converge every host to the inventory: files written atomically (replaced files backed up first), units
            enabled, services started, Slurm settings made. Hosts run in parallel; a failing host does not stop the
            others. Running it again changes nothing. Exit 1 if any host failed.

            Examples:
              jobstatsctl apply -i cluster.yaml
              jobstatsctl apply -i dgx-image.yaml --yes --log-dir /root/jobstats-logs
            """) { inventory, yes, logDir };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var loaded = await DeploymentInput.LoadAsync(parse.GetRequiredValue(inventory), ct);
            if (Terminal.Interactive && !parse.GetValue(yes) && !Console.IsInputRedirected)
            {
                var plan = await new Planner(loaded.Targets, loaded.Cmsh).PlanAsync(loaded.Deployment, ct);
                PlanPrinter.PrintText(plan, Console.Out);
                if (!plan.HasChanges) return ExitCodes.Success;
                if (!AnsiConsole.Confirm("Apply these changes?", defaultValue: false)) return ExitCodes.Failure;
            }
            var abortAfter = int.TryParse(Environment.GetEnvironmentVariable("JOBSTATSCTL_ABORT_AFTER"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : (int?)null;
            var options = new ApplyOptions { LogDirectory = parse.GetValue(logDir), AbortAfter = abortAfter, Parallelism = loaded.Inventory.Target.Ssh.Parallelism };
            IReadOnlyList<HostApplyResult> results;
            try
            {
                if (Terminal.Interactive)
                {
                    results = [];
                    await AnsiConsole.Progress().AutoClear(false).StartAsync(async context =>
                        results = await new Applier(loaded.Targets, loaded.Cmsh, options, new SpectreProgress(context)).ApplyAsync(loaded.Deployment, ct));
                }
                else results = await new Applier(loaded.Targets, loaded.Cmsh, options, new LineProgress()).ApplyAsync(loaded.Deployment, ct);
            }
            catch (SimulatedCrashException e)
            {
                // The test hook ends the process the way `kill -9` would: no cleanup, no summary.
                Console.Error.WriteLine($"error: {e.Message}; killing this process");
                System.Diagnostics.Process.GetCurrentProcess().Kill();
                return 137;
            }
            SummaryTable.Print(results, "changed");
            if (results.All(r => r.Succeeded) && NodeModeAudit.Applies(loaded.Inventory))
                await NodeModeAudit.RunAsync(loaded, Console.Out, ct);
            if (results.All(r => r.Succeeded) && loaded.Inventory is { Target.Kind: TargetKind.Image, Bcm: { Enabled: true, ImageUpdate: true } })
                await ImageUpdateAsync(loaded, ct);
            return results.All(r => r.Succeeded) ? ExitCodes.Success : ExitCodes.Failure;
        }));
        return command;
    }

    private static async Task ImageUpdateAsync(LoadedDeployment loaded, CancellationToken ct)
    {
        var cmsh = loaded.Cmsh!;
        foreach (var category in loaded.Inventory.Roles.Values.SelectMany(e => e).Where(e => e.IsCategory).Select(e => e.Category).Distinct())
        {
            Console.Error.WriteLine($"imageupdate of category {category}");
            await cmsh.ImageUpdateAsync(category, wait: true, ct);
        }
    }
}
