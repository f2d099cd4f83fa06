using System.CommandLine;
using Jobstats.Core.Config;
using Jobstats.Hosting;
using Jobstats.Processes;
using Jobstats.Slurm.Accounting;
using Jobstats.Slurm.AdminComments;
using Jobstats.Summaries.Queue;
using Jobstats.Summaries.Service;
using Jobstats.Summaries.Storage;

namespace Jobstats.Summaries.Cli;

/// <summary>What a jobstats-summaries command works with, built from the common options and the config file.</summary>
internal sealed class ServiceContext : IDisposable
{
    public required RunSetup Setup { get; init; }
    public required CountingProcessRunner Runner { get; init; }
    public required SacctClient Sacct { get; init; }
    public required AdminCommentStore AdminComments { get; init; }
    public required SpoolQueue Queue { get; init; }

    public JobstatsConfig Config => Setup.Config;
    public SummarySettings Settings => Setup.Config.Summaries;
    public Log Log => Setup.Log;

    /// <summary>The context, or null after logging why (a bad config file).</summary>
    public static ServiceContext? Create(ParseResult parse, CommonOptions options, string syslogTag, TextWriter stderr, bool alwaysSyslog = false)
    {
        RunSetup? setup = RunSetup.Create(parse, options, syslogTag, stderr, alwaysSyslog, Program.Name);
        if (setup is null) return null;
        var runner = new CountingProcessRunner(new ProcessRunner());
        return new ServiceContext
        {
            Setup = setup,
            Runner = runner,
            Sacct = new SacctClient(runner, setup.SlurmTimeout),
            AdminComments = new AdminCommentStore(runner, setup.SlurmTimeout),
            Queue = new SpoolQueue(setup.Config.Summaries.SpoolDirectory),
        };
    }

    /// <summary>
    /// The external summary store when summaries.store uses one, else null; throws <see cref="MySqlOptionFileException"/>
    /// when its option file cannot be used. The option file's warnings (a password others may read) are logged.
    /// </summary>
    public MariaDbSummaryStore? OpenDatabase()
    {
        if (Settings.Store == SummaryStoreMode.AdminComment) return null;
        var options = MySqlOptionFile.Load(Settings.DatabaseOptionFile);
        foreach (string warning in options.Warnings) Log.Warning(warning);
        return new MariaDbSummaryStore(options);
    }

    public void Dispose() => Setup.Dispose();
}
