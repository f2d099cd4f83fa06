using System.CommandLine;
using System.Runtime.InteropServices;
using Jobstats.Hosting;

namespace Jobstats.Cli.Commands;

/// <summary>
/// <c>jobstats ls|array|waste|timeline</c>, which jobstats-fleet runs (<see cref="FleetCommands"/> says why). Here each
/// is a name, its argument and its description for <c>jobstats --help</c>, taking every token after it unchecked;
/// once parsing has chosen one, jobstats becomes jobstats-fleet with the same arguments (execv), so the exit code,
/// stdout and stderr are that program's and nothing of jobstats stays around.
/// </summary>
internal static partial class FleetProgram
{
    public static IEnumerable<Command> Commands()
    {
        foreach (var (name, argument, description) in FleetCommands.All)
        {
            var command = new Command(name, description) { TreatUnmatchedTokensAsErrors = false };
            if (argument is not null) command.Add(new Argument<string[]>(argument) { Arity = ArgumentArity.ZeroOrMore });
            yield return command;
        }
    }

    /// <summary>Whether parsing chose one of the fleet commands (including its --help).</summary>
    public static bool Chosen(ParseResult parse) => FleetCommands.All.Any(c => c.Name == parse.CommandResult.Command.Name);

    /// <summary>Runs jobstats-fleet in this process; returns only when it could not, after saying why.</summary>
    public static int Exec(string[] args, TextWriter stderr)
    {
        string path = Path.Combine(AppContext.BaseDirectory, FleetCommands.ProgramName);
        execv(path, [path, .. args, null]);
        int errno = Marshal.GetLastPInvokeError();
        stderr.WriteLine($"jobstats: cannot run {TextOf(path)}, which this command needs ({Marshal.GetPInvokeErrorMessage(errno)}); " +
                         $"install {FleetCommands.ProgramName} beside jobstats");
        return 1;
    }

    private static string TextOf(string path) => Jobstats.Core.Text.TerminalText.Escape(path);

    [LibraryImport("libc", EntryPoint = "execv", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int execv(string path, string?[] argv);
}
