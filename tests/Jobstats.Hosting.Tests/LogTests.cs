using Jobstats.Hosting;

namespace Jobstats.Hosting.Tests;

public class LogTests
{
    [Fact]
    public void Debug_lines_appear_only_with_debug_on()
    {
        var quiet = new StringWriter();
        new Log(quiet, debug: false, syslog: null).Debug("query x");
        Assert.Equal("", quiet.ToString());

        var loud = new StringWriter();
        new Log(loud, debug: true, syslog: null).Debug("query x");
        Assert.Equal("debug: query x" + Environment.NewLine, loud.ToString());
    }

    [Fact]
    public void Syslog_gets_debug_lines_only_with_debug_on()
    {
        // The epilog always logs to syslog: without -d it must not send a debug line per job end.
        string directory = Directory.CreateTempSubdirectory("jobstats-log").FullName;
        try
        {
            string socketPath = Path.Combine(directory, "log");
            using var receiver = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix,
                System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Unspecified);
            receiver.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(socketPath));
            receiver.ReceiveTimeout = 2000;
            using (var syslog = new Syslog("jobstats-test", socketPath))
            {
                var log = new Log(new StringWriter(), debug: false, syslog);
                log.Debug("query one");
                log.Info("stored");
                new Log(new StringWriter(), debug: true, syslog).Debug("query two");
            }
            var buffer = new byte[4096];
            var lines = new List<string>();
            for (int i = 0; i < 2; i++) lines.Add(System.Text.Encoding.UTF8.GetString(buffer, 0, receiver.Receive(buffer)));
            Assert.EndsWith(": stored", lines[0], StringComparison.Ordinal);
            Assert.EndsWith(": debug: query two", lines[1], StringComparison.Ordinal);
            Assert.Equal(0, receiver.Available);
        }
        finally { Directory.Delete(directory, recursive: true); }
    }

    [Fact]
    public void Errors_are_prefixed_with_the_program_name()
    {
        var writer = new StringWriter();
        new Log(writer, debug: false, syslog: null).Error("job 1: no data");
        Assert.Equal("jobstats: job 1: no data" + Environment.NewLine, writer.ToString());
    }

    [Fact]
    public void Input_data_in_messages_is_shown_escaped_so_it_cannot_drive_the_terminal()
    {
        var writer = new StringWriter();
        var log = new Log(writer, debug: true, syslog: null);
        log.Error("job \x1b]0;owned\x07: sacct failed: a\r\nforged line");
        log.Warning("node \u009b" + "2J");
        log.Info("job \u202eevil");
        log.Debug("sacct: \x1b[2J");
        Assert.Equal(string.Join(Environment.NewLine,
            "jobstats: job \\x1b]0;owned\\x07: sacct failed: a\\r\\nforged line",
            "jobstats: warning: node \\x9b2J",
            "job \\u202eevil",
            "debug: sacct: \\x1b[2J", ""), writer.ToString());
    }
}
