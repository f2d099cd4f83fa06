using System.CommandLine;
using System.Globalization;
using Jobstats.Deploy;
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
        var inventory = CommonOptions.Inventory(required: false);
        var planFile = new Argument<string?>("PLAN") { Arity = ArgumentArity.ZeroOrOne, Description = "A plan saved with `plan -o`: make exactly its changes (its inventory is used)" };
        var yes = CommonOptions.Yes();
        var logDir = CommonOptions.LogDirectory();
        var command = new Command("apply", """
            Converge every host to the inventory: files written atomically (replaced files backed up first), units
            enabled, services started, Slurm settings made. Hosts run in parallel; a failing host does not stop the
            others. Running it again changes nothing. Exit 1 if any host failed.
            On a terminal it shows the plan and asks, then makes exactly the changes shown; given a plan saved
            with `plan -o`, it makes exactly that plan's changes. A change whose state moved since it was shown is
            refused (exit 1): run plan again.

            Examples:
              jobstatsctl apply -i cluster.yaml
              jobstatsctl apply -i dgx-image.yaml --yes --log-dir /root/jobstats-logs
              jobstatsctl plan -i cluster.yaml -o cluster.plan && jobstatsctl apply cluster.plan
            """) { inventory, yes, logDir, planFile };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var inventoryFile = parse.GetValue(inventory);
            ApprovedPlan? approved = null;
            if (parse.GetValue(planFile) is { } saved)
            {
                var document = await SavedPlan.LoadAsync(saved, ct);
                if (inventoryFile is not null && inventoryFile.FullName != document.Inventory)
                    throw new UsageException($"{saved} was made from {document.Inventory}, not {inventoryFile.FullName}");
                inventoryFile = new FileInfo(document.Inventory!);
                approved = ApprovedPlan.From(document);
            }
            else if (inventoryFile is null) throw new UsageException("apply needs --inventory FILE, or a plan saved with `plan -o`");
            var loaded = await DeploymentInput.LoadAsync(inventoryFile, ct);
            using var exclusive = ControlLock.Acquire(loaded.Inventory);
            if (approved is null && Terminal.Interactive && !parse.GetValue(yes) && !Console.IsInputRedirected)
            {
                var plan = await new Planner(loaded.Targets, loaded.Cmsh, loaded.Inventory.Target.Ssh.Parallelism).PlanAsync(loaded.Deployment, ct);
                PlanPrinter.PrintText(plan, Console.Out);
                if (!plan.HasChanges) return ExitCodes.Success;
                if (!AnsiConsole.Confirm("Apply these changes?", defaultValue: false)) return ExitCodes.Failure;
                approved = ApprovedPlan.From(plan);
            }
            var abortAfter = int.TryParse(Environment.GetEnvironmentVariable("JOBSTATSCTL_ABORT_AFTER"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : (int?)null;
            var options = new ApplyOptions
            {
                LogDirectory = parse.GetValue(logDir), AbortAfter = abortAfter, Parallelism = loaded.Inventory.Target.Ssh.Parallelism, Approved = approved,
            };
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
            await ImageUpdate.RunAsync(loaded, results, Console.Error, ct);
            return results.All(r => r.Succeeded) ? ExitCodes.Success : ExitCodes.Failure;
        }));
        return command;
    }
}
