namespace Jobstats.Cli.Infrastructure;

/// <summary>Diagnostics: errors always to stderr, debug lines only with -d; both to syslog with -S. Never stdout.</summary>
public sealed class Log(TextWriter stderr, bool debug, Syslog? syslog)
{
    public void Debug(string message)
    {
        if (debug) stderr.WriteLine("debug: " + message);
        syslog?.Info("debug: " + message);
    }

    public void Info(string message)
    {
        stderr.WriteLine(message);
        syslog?.Info(message);
    }

    public void Warning(string message)
    {
        stderr.WriteLine("jobstats: warning: " + message);
        syslog?.Info("warning: " + message);
    }

    public void Error(string message)
    {
        stderr.WriteLine("jobstats: " + message);
        syslog?.Error(message);
    }

    public bool DebugEnabled => debug;
}
