using Jobstats.Deploy.Engine;
using Jobstats.Deploy.Tests.Support;
using Jobstats.Testing;
using Jobstatsctl.Commands;
using Jobstatsctl.Output;

namespace Jobstats.Deploy.Tests.Jobstatsctl.Commands;

/// <summary>
/// What a host says (an ssh error, a remote path, a host name from cmsh) reaches the admin's terminal escaped: an
/// escape sequence from a compromised node cannot retitle, clear or rewrite the screen the admin trusts.
/// </summary>
public sealed class ControlCharacterTests : IDisposable
{
    private const string Hostile = "ssh: \u001b]0;owned\u0007\u001b[2Jgone\r\nforged line";
    private readonly TempDirectory _root = new();

    [Fact]
    public async Task A_host_error_in_the_plan_is_printed_escaped_on_one_line()
    {
        var deployment = await new Harness(TestInventories.Local(_root)).DeploymentAsync();
        var plan = new Plan(deployment, [new HostPlan(deployment.Hosts[0], [], Hostile)]);
        var output = new StringWriter();
        PlanPrinter.PrintText(plan, output);
        var text = output.ToString();
        Assert.DoesNotContain('\u001b', text);
        Assert.DoesNotContain('\u0007', text);
        Assert.Contains("  ! error: ssh: \\x1b]0;owned\\x07\\x1b[2Jgone\\r\\nforged line\n", text);
    }

    [Fact]
    public async Task A_command_error_is_printed_escaped()
    {
        var errors = new StringWriter();
        var exit = await CommandRunner.RunAsync(() => throw new IOException(Hostile), errors);
        Assert.Equal(1, exit);
        Assert.Equal("error: ssh: \\x1b]0;owned\\x07\\x1b[2Jgone\\r\\nforged line\n", errors.ToString());
    }

    public void Dispose() => _root.Dispose();
}
