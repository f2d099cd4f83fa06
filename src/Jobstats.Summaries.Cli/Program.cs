using System.CommandLine;
using System.Text;
using Jobstats.Hosting;
using Jobstats.Summaries.Cli.Commands;

namespace Jobstats.Summaries.Cli;

internal static class Program
{
    public const string Name = "jobstats-summaries";

    public static async Task<int> Main(string[] args)
    {
        // Data to stdout (flushed once), diagnostics to stderr, both with write(2) as in jobstats (StandardStream).
        var stdout = new StreamWriter(new StandardStream(1), new UTF8Encoding(false), 16384) { AutoFlush = false };
        var stderr = new StreamWriter(new StandardStream(2), new UTF8Encoding(false)) { AutoFlush = true };
        var common = new CommonOptions();
        var root = new RootCommand("""
            The queued path for Slurm job summaries: the slurmctld epilog queues each ended job, the service on the
            controller stores summaries in batches (AdminComment and/or the external MariaDB/MySQL store), retries
            through outages and backfills what was missed.
            """)
        {
            QueueCommand.Create(common, stderr),
            ServeCommand.Create(common, stderr),
            StatusCommand.Create(common, stdout, stderr),
            BackfillCommand.Create(common, stdout, stderr),
            ReadCommand.Create(common, stdout, stderr),
            IdleGpusCommand.Create(common, stderr),
            SlurmMailCommand.Create(common, stderr),
        };
        ParseResult parse = root.Parse(args);
        int exitCode;
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) stderr.WriteLine($"{Name}: " + Core.Text.TerminalText.Escape(error.Message));
            stderr.WriteLine($"Try '{Name} --help' for usage.");
            exitCode = 2;
        }
        else
        {
            // The service installs its own SIGTERM handling (serve); everything else may simply end.
            exitCode = await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, ProcessTerminationTimeout = null })
                .ConfigureAwait(false);
        }
        stdout.Flush();
        return exitCode;
    }
}
