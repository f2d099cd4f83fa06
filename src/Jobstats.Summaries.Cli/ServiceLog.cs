using Jobstats.Hosting;
using Jobstats.Metrics.Http;
using Jobstats.Summaries.Service;

namespace Jobstats.Summaries.Cli;

/// <summary>The service's and its metrics server's messages, through the program's log (stderr, syslog, escaping).</summary>
internal sealed class ServiceLog(Log log) : IServiceLog, IMetricsServerLog
{
    public void Debug(string message) => log.Debug(message);
    public void Info(string message) => log.Info(message);
    public void Warning(string message) => log.Warning(message);
    public void Warn(string message) => log.Warning(message);
    public void Error(string message) => log.Error(message);
}
