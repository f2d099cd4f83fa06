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
}
