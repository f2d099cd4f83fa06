using Jobstats.Deploy.Resources;
using Jobstats.Deploy.Targets;

namespace Jobstats.Deploy.Tests.Targets;

public class SshTargetParsingTests
{
    [Fact]
    public void Parses_each_kind_of_remote_state_line()
    {
        Assert.Equal(PathInfo.Missing, SshTarget.ParseStat("M"));
        Assert.Equal(new PathInfo(PathKind.File, FileModes.Executable, "root", "root", "abc"), SshTarget.ParseStat("F\t755\troot\troot\tabc"));
        Assert.Equal(new PathInfo(PathKind.Directory, (int)(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute), "prometheus", "prometheus"), SshTarget.ParseStat("D\t700\tprometheus\tprometheus"));
        Assert.Equal("/a b", SshTarget.ParseStat("L\t/a b").LinkTarget);
    }

    [Theory]
    [InlineData("")]
    [InlineData("F\t755")]
    [InlineData("X\tstuff")]
    [InlineData("D\t7x5\troot\troot")]
    public void Truncated_or_unexpected_lines_are_refused(string line)
    {
        Assert.Throws<IOException>(() => SshTarget.ParseStat(line));
    }

    [Fact]
    public void Quoting_survives_every_shell_metacharacter()
    {
        Assert.Equal("'a'\\''b $(x) `y` ;|&'", ShellQuote.Quote("a'b $(x) `y` ;|&"));
    }
}
