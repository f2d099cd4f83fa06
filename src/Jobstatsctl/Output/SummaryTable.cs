using Jobstats.Core.Text;
using Jobstats.Deploy.Engine;
using Spectre.Console;

namespace Jobstatsctl.Output;

internal static class SummaryTable
{
    public static void Print(IReadOnlyList<HostApplyResult> results, string verb)
    {
        if (Terminal.Interactive)
        {
            var table = new Table().AddColumns("host", "result", verb, "unchanged", "log");
            foreach (var r in results)
                table.AddRow(Markup.Escape(TerminalText.Escape(r.Host)), r.Succeeded ? "[green]ok[/]" : $"[red]failed: {Markup.Escape(TerminalText.Escape(r.Error ?? ""))}[/]",
                    r.Changed.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Unchanged.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(r.LogFile ?? ""));
            AnsiConsole.Write(table);
            return;
        }
        foreach (var r in results)
            Console.Out.WriteLine($"{TerminalText.Escape(r.Host)}\t{(r.Succeeded ? "ok" : "failed")}\t{verb}={r.Changed}\tunchanged={r.Unchanged}{(r.Error is null ? "" : "\t" + TerminalText.Escape(r.Error))}");
    }
}
