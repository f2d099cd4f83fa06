using System.CommandLine;
using Jobstats.Cli.Infrastructure;
using Jobstats.Cli.Reporting;
using Jobstats.Core.Config;
using Jobstats.Processes;
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
    public required string? PrometheusOverride { get; init; }
    private Lazy<HttpClient>? Http { get; init; }
    private Syslog? SyslogSink { get; init; }

    /// <summary>Builds the services, or returns null after logging why (a bad config file).</summary>
    public static Services? Create(ParseResult parse, CommonOptions options, string syslogTag, TextWriter stderr, bool alwaysSyslog = false,
        IProcessRunner? runner = null)
    {
        Syslog? syslog = alwaysSyslog || parse.GetValue(options.Syslog) ? new Syslog(syslogTag) : null;
        var log = new Log(stderr, parse.GetValue(options.Debug), syslog);
        JobstatsConfig config;
        try { config = ConfigFile.Load(parse.GetValue(options.Config)); }
        catch (ConfigException e)
        {
            foreach (var problem in e.Problems) log.Error($"configuration error: {problem}");
            syslog?.Dispose();
            return null;
        }
        double? asked = parse.GetValue(options.Timeout);
        var timeout = TimeSpan.FromSeconds(asked ?? config.TimeoutSeconds);
        // Slurm commands get a bound of their own: slurmdbd can be slow, so at least 30 s by default, but never allowed
        // to hang a caller. A --timeout typed on the command line is what the caller can wait, and bounds sacct too.
        var slurmTimeout = TimeSpan.FromSeconds(asked ?? Math.Max(30, config.TimeoutSeconds));
        // jobstats runs one program at a time and waits for it: on this thread, so that a report starts no thread.
        runner ??= new ProcessRunner(onCallingThread: true);
        var sacct = new SacctClient(runner, slurmTimeout);
        // Building an HttpClient sets up its whole handler stack: only a run that asks Prometheus builds one.
        var http = new Lazy<HttpClient>(() => new HttpClient { Timeout = System.Threading.Timeout.InfiniteTimeSpan });
        string? cluster = parse.GetValue(options.Cluster) is { Length: > 0 } c ? config.ResolveCluster(c) : null;
        return new Services
        {
            Config = config,
            Log = log,
            Sacct = sacct,
            AdminComments = new AdminCommentStore(runner, slurmTimeout),
            Data = new JobDataSource(config, sacct, () => http.Value, parse.GetValue(options.Prometheus)?.TrimEnd('/'), timeout, log),
            Cluster = cluster,
            Timeout = timeout,
            PrometheusOverride = parse.GetValue(options.Prometheus)?.TrimEnd('/'),
            Http = http,
            SyslogSink = syslog,
        };
    }

    public void Dispose()
    {
        if (Http is { IsValueCreated: true }) Http.Value.Dispose();
        SyslogSink?.Dispose();
    }
}
