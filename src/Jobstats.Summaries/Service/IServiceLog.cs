namespace Jobstats.Summaries.Service;

/// <summary>Where the summary service's messages go (the jobstats program sends them to stderr and syslog).</summary>
public interface IServiceLog
{
    void Debug(string message);
    void Info(string message);
    void Warning(string message);
    void Error(string message);
}
