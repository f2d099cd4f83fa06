using System.CommandLine;
using Jobstats.Core.Config;

namespace Jobstats.Hosting;

/// <summary>
/// What every jobstats program sets up the same way from its <see cref="CommonOptions"/>: the log (stderr, and syslog
/// when asked or always), the config file, the cluster, and the time limits for Prometheus and for Slurm commands.
/// </summary>
public sealed class RunSetup : IDisposable
{
    public required JobstatsConfig Config { get; init; }
    public required Log Log { get; init; }
    /// <summary>How long Prometheus may take: --timeout, else the config file's.</summary>
    public required TimeSpan Timeout { get; init; }
    /// <summary>How long a Slurm command may take.</summary>
    public required TimeSpan SlurmTimeout { get; init; }
    /// <summary>The cluster named with -c (through the config's aliases), or null for Slurm's default.</summary>
    public required string? Cluster { get; init; }
    public required string? PrometheusOverride { get; init; }
    /// <summary>The config file read (--config, else $JOBSTATS_CONFIG, else the default when it exists), for programs run on.</summary>
    public required string? ConfigPath { get; init; }
    private Syslog? SyslogSink { get; init; }

    /// <summary>The setup, or null after logging why (a bad config file: every problem, with its line).</summary>
    public static RunSetup? Create(ParseResult parse, CommonOptions options, string syslogTag, TextWriter stderr, bool alwaysSyslog = false,
        string program = "jobstats")
    {
        Syslog? syslog = alwaysSyslog || parse.GetValue(options.Syslog) ? new Syslog(syslogTag) : null;
        var log = new Log(stderr, parse.GetValue(options.Debug), syslog, program);
        JobstatsConfig config;
        try { config = ConfigFile.Load(parse.GetValue(options.Config)); }
        catch (ConfigException e)
        {
            foreach (var problem in e.Problems) log.Error($"configuration error: {problem}");
            syslog?.Dispose();
            return null;
        }
        double? asked = parse.GetValue(options.Timeout);
        return new RunSetup
        {
            Config = config,
            Log = log,
            Timeout = TimeSpan.FromSeconds(asked ?? config.TimeoutSeconds),
            // Slurm commands get a bound of their own: slurmdbd can be slow, so at least 30 s by default, but never allowed
            // to hang a caller. A --timeout typed on the command line is what the caller can wait, and bounds sacct too.
            SlurmTimeout = TimeSpan.FromSeconds(asked ?? Math.Max(30, config.TimeoutSeconds)),
            Cluster = parse.GetValue(options.Cluster) is { Length: > 0 } c ? config.ResolveCluster(c) : null,
            PrometheusOverride = parse.GetValue(options.Prometheus)?.TrimEnd('/'),
            ConfigPath = ConfigFile.PathOf(parse.GetValue(options.Config)),
            SyslogSink = syslog,
        };
    }

    public void Dispose() => SyslogSink?.Dispose();
}
