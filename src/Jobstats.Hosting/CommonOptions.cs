using System.CommandLine;

namespace Jobstats.Hosting;

/// <summary>Options every jobstats program and command shares: cluster, debug, syslog, Prometheus, config, timeout.</summary>
public sealed class CommonOptions
{
    public Option<string?> Cluster { get; } = new("--cluster", "-c")
    { Description = "Cluster the job ran on (a Slurm cluster name or an alias from the config file).", HelpName = "CLUSTER" };

    public Option<bool> Debug { get; } = new("--debug", "-d") { Description = "Print what jobstats does (sacct row, queries) on stderr." };

    public Option<bool> Syslog { get; } = new("--syslog", "-S") { Description = "Also send messages to syslog." };

    public Option<string?> Prometheus { get; } = new("--prometheus")
    { Description = "Prometheus base URL to query, overriding the config file.", HelpName = "URL" };

    public Option<string?> Config { get; } = new("--config")
    { Description = "Config file (default: $JOBSTATS_CONFIG, then /etc/jobstats/jobstats.yaml).", HelpName = "PATH" };

    public Option<double?> Timeout { get; } = new("--timeout")
    { Description = "Seconds to wait for Prometheus (default: the config file's prometheus.timeout_seconds, 10).", HelpName = "SECONDS" };

    public CommonOptions()
    {
        Timeout.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double?>() is double v && (v <= 0 || v > 3600))
                result.AddError("--timeout must be between 0 and 3600 seconds");
        });
        Prometheus.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is string url &&
                (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || (uri.Scheme != "http" && uri.Scheme != "https")))
                result.AddError($"--prometheus needs an http(s) URL, not \"{url}\"");
        });
    }

    public void AddTo(Command command)
    {
        command.Add(Cluster);
        command.Add(Debug);
        command.Add(Syslog);
        command.Add(Prometheus);
        command.Add(Config);
        command.Add(Timeout);
    }
}
