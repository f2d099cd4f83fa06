using Jobstats.Cli.Infrastructure;

namespace Jobstats.Cli.Tests.Infrastructure;

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
