using System.CommandLine;
using Jobstatsctl.Commands;

namespace Jobstats.Deploy.Tests.Jobstatsctl.Commands;

/// <summary>The flags an admin passes to apply also parse for plan and uninstall, so one habit works for all three.</summary>
public class CommandLineTests
{
    private static RootCommand Root() => new() { PlanCommand.Create(), ApplyCommand.Create(), UninstallCommand.Create(), VerifyCommand.Create() };

    [Theory]
    [InlineData("apply -i inv.yaml --yes --log-dir /tmp/logs")]
    [InlineData("apply -i inv.yaml -y")]
    [InlineData("plan -i inv.yaml --yes --log-dir /tmp/logs")]
    [InlineData("plan -i inv.yaml -y --json")]
    [InlineData("uninstall -i inv.yaml --yes --log-dir /tmp/logs")]
    [InlineData("uninstall -i inv.yaml -y")]
    public void Yes_and_log_dir_parse_for_plan_apply_and_uninstall(string line)
    {
        var parse = Root().Parse(line.Split(' '));
        Assert.Empty(parse.Errors.Select(e => e.Message));
    }

    [Theory]
    [InlineData("uninstall -i inv.yaml --force")]
    [InlineData("plan -i inv.yaml --log-dir")]
    [InlineData("verify -i inv.yaml --yes")]
    public void Unknown_or_incomplete_options_are_still_refused(string line)
    {
        Assert.NotEmpty(Root().Parse(line.Split(' ')).Errors);
    }
}
