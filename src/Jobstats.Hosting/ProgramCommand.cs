using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Reflection;

namespace Jobstats.Hosting;

/// <summary>
/// The root command of a jobstats program is a plain <see cref="Command"/> named "jobstats" with the --help and --version
/// added here, which print and check what System.CommandLine's RootCommand, HelpOption and VersionOption print and check.
/// Those three cost a million instructions on every start, a fifth of printing the version (callgrind, bench/jobstats):
/// RootCommand asks reflection for the entry assembly to name the program, and the two options read their
/// descriptions through a ResourceManager, whose set-up reads the assembly's attributes. Here reflection runs only
/// for --version and the resources only when help or an error is printed.
/// </summary>
public static class ProgramCommand
{
    public const string Name = "jobstats";

    /// <summary>Adds --help and --version, after the program's own options, where help lists them.</summary>
    public static void AddHelpAndVersion(Command root)
    {
        root.Add(new Option<bool>("--help", "-h", "-?")
        {
            Description = "Show help and usage information",
            Arity = ArgumentArity.Zero,
            Recursive = true,
            Action = new HelpAction(),
        });
        var version = new Option<bool>("--version") { Description = "Show version information", Arity = ArgumentArity.Zero, Action = new VersionAction() };
        // As VersionOption: --version alone, or it is an error (with the option as typed).
        version.Validators.Add(result =>
        {
            if (!result.Implicit && result.Parent is CommandResult parent && parent.Children.Any(c => c != result && c is not OptionResult { Implicit: true }))
                result.AddError($"{result.IdentifierToken?.Value ?? "--version"} option cannot be combined with other arguments.");
        });
        root.Add(version);
    }

    /// <summary>
    /// Runs the command that <paramref name="parse"/> chose, or reports its errors (exit code 2) as every jobstats
    /// program does: each on a line of its own, escaped, because the messages quote what was typed, and a job id
    /// pasted from elsewhere may carry escape sequences.
    /// </summary>
    public static async Task<int> InvokeAsync(ParseResult parse, TextWriter stdout, TextWriter stderr)
    {
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) stderr.WriteLine($"{Name}: " + Core.Text.TerminalText.Escape(error.Message));
            stderr.WriteLine($"Try '{Name} --help' for usage.");
            return 2;
        }
        return await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, ProcessTerminationTimeout = null })
            .ConfigureAwait(false);
    }

    private sealed class VersionAction : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            var assembly = Assembly.GetEntryAssembly();
            string version = assembly?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                             ?? assembly?.GetName().Version?.ToString() ?? "";
            parseResult.InvocationConfiguration.Output.WriteLine(version);
            return 0;
        }
    }
}
