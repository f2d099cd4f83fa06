using System.Text.Json;
using Jobstats.Core.Text;
using Jobstats.Deploy.Engine;
using Jobstats.Deploy.Resources;
using Jobstats.Deploy.State;

namespace Jobstatsctl.Output;

internal static class PlanPrinter
{
    /// <param name="command">What runs the plan: apply, or uninstall (whose plan is removals only).</param>
    public static void PrintText(Plan plan, TextWriter output, string command = "apply")
    {
        foreach (var host in plan.Hosts)
        {
            output.WriteLine(host.Host.Departed
                ? $"{TerminalText.Escape(host.Host.Name)} (left the inventory: what jobstatsctl recorded there goes)"
                : $"{TerminalText.Escape(host.Host.Name)} ({host.Host.Placement.ToString().ToLowerInvariant()}; roles: {string.Join(", ", host.Host.Roles)})");
            if (host.Error is not null)
            {
                output.WriteLine($"  ! error: {TerminalText.Escape(host.Error)}");
                continue;
            }
            foreach (var change in host.Changes)
            {
                var mark = change.Drift.Action switch { DriftAction.Create => "+", DriftAction.Change => "~", DriftAction.Remove => "-", _ => "=" };
                if (change.Drift.Action == DriftAction.Ok) continue;
                output.WriteLine($"  {mark} {TerminalText.Escape(change.Resource.Key)}: {TerminalText.Escape(change.Drift.Reason)}");
            }
            var removals = host.Count(DriftAction.Remove) is > 0 and var n ? $", {n} to remove" : "";
            output.WriteLine($"  {host.Count(DriftAction.Create)} to create, {host.Count(DriftAction.Change)} to change{removals}, {host.Count(DriftAction.Ok)} ok");
        }
        output.WriteLine((plan.HasChanges, command) switch
        {
            (true, "uninstall") => "Uninstall undoes the above, newest first.",
            (true, _) => "Changes pending: run `jobstatsctl apply`.",
            (false, "uninstall") => "Nothing recorded: nothing to uninstall.",
            _ => "No changes: the deployment is converged.",
        });
    }

    public static void PrintJson(Plan plan, TextWriter output) =>
        output.WriteLine(JsonSerializer.Serialize(PlanDocument.From(plan), DeployJsonContext.Default.PlanDocument));
}
