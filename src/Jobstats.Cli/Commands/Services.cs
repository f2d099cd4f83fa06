using Jobstats.Hosting;
using System.CommandLine;
using Jobstats.Cli.Reporting;
using Jobstats.Core.Config;
using Jobstats.Processes;
using Jobstats.Prometheus.Api;
using Jobstats.Slurm.Accounting;
using Jobstats.Slurm.AdminComments;

namespace Jobstats.Cli.Commands;

/// <summary>The objects one run needs, built from the parsed options and the config file.</summary>
internal sealed class Services : IDisposable
{
    public required JobstatsConfig Config { get; init; }
    public required Log Log { get; init; }
    public required SacctClient Sacct { get; init; }
    public required AdminCommentStore AdminComments { get; init; }
    public required JobDataSource Data { get; init; }
    public required string? Cluster { get; init; }
    public required TimeSpan Timeout { get; init; }
    /// <summary>Prometheus and the stores behind it, with each cluster's credentials; a client is built on first use.</summary>
    public required PrometheusConnections Connections { get; init; }
    public required string? PrometheusOverride { get; init; }
    private RunSetup? Setup { get; init; }

    /// <summary>Builds the services, or returns null after logging why (a bad config file).</summary>
    public static Services? Create(ParseResult parse, CommonOptions options, string syslogTag, TextWriter stderr, bool alwaysSyslog = false)
    {
        RunSetup? setup = RunSetup.Create(parse, options, syslogTag, stderr, alwaysSyslog);
        if (setup is null) return null;
        // jobstats runs one program at a time and waits for it: on this thread, so that a report starts no thread.
        var runner = new ProcessRunner(onCallingThread: true);
        var sacct = new SacctClient(runner, setup.SlurmTimeout);
        // Building an HttpClient sets up its whole handler stack: only a run that asks Prometheus builds one.
        var connections = new PrometheusConnections();
        return new Services
        {
            Config = setup.Config,
            Log = setup.Log,
            Sacct = sacct,
            AdminComments = new AdminCommentStore(runner, setup.SlurmTimeout),
            Data = new JobDataSource(setup.Config, sacct, connections, setup.PrometheusOverride, setup.Timeout, setup.Log,
                new ExternalSummaryReader(runner, ExternalSummaryReader.DefaultProgram, setup.ConfigPath, setup.SlurmTimeout, setup.Log)),
            Cluster = setup.Cluster,
            Timeout = setup.Timeout,
            Connections = connections,
            PrometheusOverride = setup.PrometheusOverride,
            Setup = setup,
        };
    }

    public void Dispose()
    {
        Connections.Dispose();
        Setup?.Dispose();
    }
}
