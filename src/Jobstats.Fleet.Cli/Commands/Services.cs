using System.CommandLine;
using Jobstats.Core.Config;
using Jobstats.Hosting;
using Jobstats.Processes;
using Jobstats.Prometheus.Api;
using Jobstats.Slurm.Accounting;

namespace Jobstats.Fleet.Cli.Commands;

/// <summary>The objects one run of ls, array or timeline needs, built from the parsed options and the config file.</summary>
internal sealed class Services : IDisposable
{
    public required JobstatsConfig Config { get; init; }
    public required Log Log { get; init; }
    public required SacctClient Sacct { get; init; }
    public required string? Cluster { get; init; }
    public required TimeSpan Timeout { get; init; }
    /// <summary>Prometheus and the stores behind it, with each cluster's credentials; a client is built on first use.</summary>
    public required PrometheusConnections Connections { get; init; }
    public required string? PrometheusOverride { get; init; }
    private RunSetup? Setup { get; init; }

    /// <summary>Builds the services, or returns null after logging why (a bad config file).</summary>
    public static Services? Create(ParseResult parse, CommonOptions options, string syslogTag, TextWriter stderr)
    {
        RunSetup? setup = RunSetup.Create(parse, options, syslogTag, stderr);
        if (setup is null) return null;
        // One program at a time, waited for on this thread, as in jobstats.
        var runner = new ProcessRunner(onCallingThread: true);
        return new Services
        {
            Config = setup.Config,
            Log = setup.Log,
            Sacct = new SacctClient(runner, setup.SlurmTimeout),
            Cluster = setup.Cluster,
            Timeout = setup.Timeout,
            Connections = new PrometheusConnections(),
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
