using System.CommandLine;
using Jobstats.Deploy.Engine;
using Jobstatsctl.Output;
using Spectre.Console;

namespace Jobstatsctl.Commands;

internal static class UninstallCommand
{
    public static Command Create()
    {
        var inventory = CommonOptions.Inventory();
        var yes = CommonOptions.Yes();
        var logDir = CommonOptions.LogDirectory();
        var command = new Command("uninstall", """
            Remove exactly what apply recorded in its manifests: services stopped, created files and links removed,
            replaced files restored from their backups, BCM settings put back. Nothing else is touched. It shows
            what it will undo and, on a terminal, asks first (--yes does neither); each host's steps are appended
            to its log in --log-dir.

            Examples:
              jobstatsctl uninstall -i cluster.yaml
              jobstatsctl uninstall -i cluster.yaml --yes --log-dir /root/jobstats-logs
            """) { inventory, yes, logDir };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var loaded = await DeploymentInput.LoadAsync(parse.GetRequiredValue(inventory), ct);
            using var exclusive = ControlLock.Acquire(loaded.Inventory);
            var uninstaller = new Uninstaller(loaded.Targets, loaded.Cmsh, line => Console.Error.WriteLine(line), parse.GetValue(logDir));
            if (!parse.GetValue(yes))
            {
                var plan = await uninstaller.PlanAsync(loaded.Deployment, ct);
                PlanPrinter.PrintText(plan, Console.Out, "uninstall");
                if (!plan.HasChanges) return plan.HasErrors ? ExitCodes.Failure : ExitCodes.Success;
                if (Terminal.Interactive && !Console.IsInputRedirected && !AnsiConsole.Confirm("Uninstall?", defaultValue: false)) return ExitCodes.Failure;
            }
            var results = await uninstaller.UninstallAsync(loaded.Deployment, ct);
            SummaryTable.Print(results, "removed");
            return results.All(r => r.Succeeded) ? ExitCodes.Success : ExitCodes.Failure;
        }));
        return command;
    }
}
