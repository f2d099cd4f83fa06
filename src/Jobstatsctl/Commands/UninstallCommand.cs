using System.CommandLine;
using Jobstats.Deploy.Engine;
using Jobstatsctl.Output;

namespace Jobstatsctl.Commands;

internal static class UninstallCommand
{
    public static Command Create()
    {
        var inventory = CommonOptions.Inventory();
        var command = new Command("uninstall", """
            Remove exactly what apply recorded in its manifests: services stopped, created files and links removed,
            replaced files restored from their backups, BCM settings put back. Nothing else is touched.

            Example:
              jobstatsctl uninstall -i cluster.yaml
            """) { inventory };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var loaded = await LoadedDeployment.LoadAsync(parse.GetValue(inventory)!, ct);
            var results = await new Uninstaller(loaded.Targets, loaded.Cmsh, line => Console.Error.WriteLine(line)).UninstallAsync(loaded.Deployment, ct);
            SummaryTable.Print(results, "removed");
            return results.All(r => r.Succeeded) ? ExitCodes.Success : ExitCodes.Failure;
        }));
        return command;
    }
}
