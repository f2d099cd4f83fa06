using System.CommandLine;
using Jobstats.Core.Text;
using Jobstats.Deploy.Workflows;

namespace Jobstatsctl.Commands;

internal static class RefreshTargetsCommand
{
    public static Command Create()
    {
        var inventory = CommonOptions.Inventory();
        var command = new Command("refresh-targets", """
            Rewrite the Prometheus file_sd target lists from BCM's current category membership, and change nothing
            else: the lists apply deployed are replaced atomically when a node joined or left a category, and
            Prometheus picks them up on its own. A cmsh failure leaves the lists as they were (exit 1). The timer
            jobstats-refresh-targets.timer, deployed with the prometheus role, runs it on the head node.

            Example:
              jobstatsctl refresh-targets -i cluster.yaml
            """) { inventory };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var refreshed = await TargetRefresh.RunAsync(parse.GetRequiredValue(inventory).FullName, ct);
            foreach (var list in refreshed)
                Console.Out.WriteLine($"{(list.Rewritten ? "rewritten" : "unchanged")}  {TerminalText.Escape(list.Host)}:{TerminalText.Escape(list.Path)} ({TerminalText.Escape(list.Description)})");
            return ExitCodes.Success;
        }));
        return command;
    }
}
