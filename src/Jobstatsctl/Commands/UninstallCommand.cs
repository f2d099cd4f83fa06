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
            replaced files restored from their backups, BCM settings put back. Nothing else is touched. On a
            terminal it asks first (--yes does not); each host's steps are appended to its log in --log-dir.

            Examples:
              jobstatsctl uninstall -i cluster.yaml
              jobstatsctl uninstall -i cluster.yaml --yes --log-dir /root/jobstats-logs
            """) { inventory, yes, logDir };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var loaded = await DeploymentInput.LoadAsync(parse.GetRequiredValue(inventory), ct);
            if (Terminal.Interactive && !parse.GetValue(yes) && !Console.IsInputRedirected)
            {
                Console.Out.WriteLine($"uninstall undoes what jobstatsctl recorded on: {string.Join(", ", loaded.Deployment.Hosts.Select(h => h.Name))}");
                if (!AnsiConsole.Confirm("Uninstall?", defaultValue: false)) return ExitCodes.Failure;
            }
            var uninstaller = new Uninstaller(loaded.Targets, loaded.Cmsh, line => Console.Error.WriteLine(line), parse.GetValue(logDir));
            var results = await uninstaller.UninstallAsync(loaded.Deployment, ct);
            SummaryTable.Print(results, "removed");
            return results.All(r => r.Succeeded) ? ExitCodes.Success : ExitCodes.Failure;
        }));
        return command;
    }
}
