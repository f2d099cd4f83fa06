using Jobstats.Exporter.Logging;

namespace Jobstats.Exporter.Tests.Logging;

public sealed class LogTests
{
    [Fact]
    public void Control_and_line_separator_characters_are_escaped_so_one_event_stays_one_unambiguous_line()
    {
        var sink = new StringWriter();
        new Log(LogLevel.Debug, sink).Warn("memory.stat: 'a\rb\u001b[31mred\u0000' said \"no\" in \\x\nlevel=error msg=forged\u0085\u2028");

        var line = sink.ToString();
        Assert.EndsWith("\n", line);
        Assert.Equal(1, line.Count(c => c == '\n'));
        Assert.EndsWith(
            " level=warn msg=\"memory.stat: 'a\\rb\\u001b[31mred\\u0000' said 'no' in \\\\x\\nlevel=error msg=forged\\u0085\\u2028\"\n",
            line);
        Assert.DoesNotContain(line[..^1], c => char.IsControl(c) || c == '\u2028');
    }
}
