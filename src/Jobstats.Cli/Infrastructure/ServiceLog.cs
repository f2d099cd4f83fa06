using Jobstats.Summaries.Service;

namespace Jobstats.Cli.Infrastructure;

/// <summary>The summary service's messages, through jobstats' own log (stderr, syslog, escaping).</summary>
internal sealed class ServiceLog(Log log) : IServiceLog
{
    public void Debug(string message) => log.Debug(message);
    public void Info(string message) => log.Info(message);
    public void Warning(string message) => log.Warning(message);
    public void Error(string message) => log.Error(message);
}
