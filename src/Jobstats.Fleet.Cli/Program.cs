using System.CommandLine;
using System.Text;
using Jobstats.Fleet.Cli.Commands;
using Jobstats.Hosting;

namespace Jobstats.Fleet.Cli;

/// <summary>
/// jobstats-fleet, run by jobstats for <c>jobstats ls|array|waste|timeline ...</c> with the same arguments: it parses
/// them as jobstats would (the same root options before the command), and answers as jobstats, on the same streams.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // As in jobstats: data to stdout (flushed once), diagnostics to stderr, both with write(2) (StandardStream).
        var stdout = new StreamWriter(new StandardStream(1), new UTF8Encoding(false), 16384) { AutoFlush = false };
        var stderr = new StreamWriter(new StandardStream(2), new UTF8Encoding(false)) { AutoFlush = true };
        var common = new CommonOptions();
        var root = new Command(ProgramCommand.Name, FleetCommands.Description)
        {
            ListCommand.Create(common, stdout, stderr),
            ArrayCommand.Create(common, stdout, stderr),
            WasteCommand.Create(common, stdout, stderr),
            TimelineCommand.Create(common, stdout, stderr),
        };
        // jobstats takes its common options before the command too (jobstats -d ls): they are the same options here.
        common.AddTo(root);
        ProgramCommand.AddHelpAndVersion(root);
        int exitCode = await ProgramCommand.InvokeAsync(root.Parse(args), stdout, stderr).ConfigureAwait(false);
        stdout.Flush();
        return exitCode;
    }
}
