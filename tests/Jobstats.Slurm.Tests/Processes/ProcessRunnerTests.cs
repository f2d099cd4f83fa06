using Jobstats.Slurm.Processes;

namespace Jobstats.Slurm.Tests.Processes;

public class ProcessRunnerTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Passes_arguments_verbatim_without_a_shell()
    {
        var result = await new ProcessRunner().RunAsync(new ProcessRequest("/usr/bin/printf", ["%s|", "a b", "$(id)", "'; ls"], TimeSpan.FromSeconds(10)), Token);
        Assert.True(result.Succeeded);
        Assert.Equal("a b|$(id)|'; ls|", result.StandardOutput);
    }

    [Fact]
    public async Task Adds_environment_variables()
    {
        var request = new ProcessRequest("/bin/sh", ["-c", "echo $SLURM_TIME_FORMAT"], TimeSpan.FromSeconds(10))
        { Environment = new Dictionary<string, string> { ["SLURM_TIME_FORMAT"] = "%s" } };
        Assert.Equal("%s\n", (await new ProcessRunner().RunAsync(request, Token)).StandardOutput);
    }

    [Fact]
    public async Task Kills_a_command_that_overruns_its_time_limit()
    {
        var started = DateTime.UtcNow;
        var result = await new ProcessRunner().RunAsync(new ProcessRequest("/bin/sleep", ["30"], TimeSpan.FromMilliseconds(300)), Token);
        Assert.True(result.TimedOut);
        Assert.False(result.Succeeded);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20), "the sleep was not killed");
    }

    [Fact]
    public async Task Reports_exit_code_and_stderr()
    {
        var result = await new ProcessRunner().RunAsync(new ProcessRequest("/bin/sh", ["-c", "echo oops >&2; exit 3"], TimeSpan.FromSeconds(10)), Token);
        Assert.Equal(3, result.ExitCode);
        Assert.Equal("oops", result.FirstErrorLine);
    }

    [Fact]
    public async Task A_missing_program_is_a_clear_error()
    {
        var e = await Assert.ThrowsAsync<SlurmCommandException>(() =>
            new ProcessRunner().RunAsync(new ProcessRequest("/nonexistent/sacct", [], TimeSpan.FromSeconds(5)), Token));
        Assert.Contains("cannot run /nonexistent/sacct", e.Message);
    }
}
