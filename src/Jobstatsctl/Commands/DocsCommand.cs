using System.CommandLine;
using Jobstats.Deploy.Engine;

namespace Jobstatsctl.Commands;

internal static class DocsCommand
{
    public static Command Create()
    {
        var inventory = CommonOptions.Inventory();
        var command = new Command("docs", """
            Print a markdown deployment document for the inventory: every file, link, unit and setting per host,
            with its owner, mode and reason.

            Example:
              jobstatsctl docs -i cluster.yaml > DEPLOYMENT.md
            """) { inventory };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var loaded = await DeploymentInput.LoadAsync(parse.GetRequiredValue(inventory), ct);
            Console.Out.Write(DocsWriter.Write(loaded.Deployment));
            return ExitCodes.Success;
        }));
        return command;
    }
}
