using Jobstats.Core.Text;

namespace Jobstats.Hosting;

/// <summary>
/// Diagnostics: errors always to stderr, debug lines only with -d; both to syslog with -S. Never stdout. Messages
/// carry input data (job ids, sacct's stderr, label values), so each is escaped here, once, for the terminal and
/// the log alike: one message is one line.
/// </summary>
public sealed class Log(TextWriter stderr, bool debug, Syslog? syslog, string program = "jobstats")
{
    public void Debug(string message)
    {
        // Debug lines only with -d, to syslog too: the epilog always logs to syslog, and must not log them per job.
        if (!debug) return;
        message = TerminalText.Escape(message);
        stderr.WriteLine("debug: " + message);
        syslog?.Info("debug: " + message);
    }

    public void Info(string message)
    {
        message = TerminalText.Escape(message);
        stderr.WriteLine(message);
        syslog?.Info(message);
    }

    public void Warning(string message)
    {
        message = TerminalText.Escape(message);
        stderr.WriteLine(program + ": warning: " + message);
        syslog?.Info("warning: " + message);
    }

    public void Error(string message)
    {
        message = TerminalText.Escape(message);
        stderr.WriteLine(program + ": " + message);
        syslog?.Error(message);
    }

    public bool DebugEnabled => debug;
}
