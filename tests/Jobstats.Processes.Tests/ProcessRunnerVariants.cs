using System.Diagnostics;
using Jobstats.Processes;

namespace Jobstats.Processes.Tests;

// Every contract test runs twice: on the runner's own thread (the default, for callers that run programs in
// parallel) and on the calling thread (jobstats, which starts no thread at all).

public sealed class ProcessRunnerTestsOnItsOwnThread : ProcessRunnerTests
{
    protected override ProcessRunner Runner { get; } = new();
}

public sealed class ProcessRunnerTestsOnTheCallingThread : ProcessRunnerTests
{
    protected override ProcessRunner Runner { get; } = new(onCallingThread: true);
}

public sealed class ProcessRunnerInputTestsOnItsOwnThread : ProcessRunnerInputTests
{
    protected override ProcessRunner Runner { get; } = new();
}

public sealed class ProcessRunnerInputTestsOnTheCallingThread : ProcessRunnerInputTests
{
    protected override ProcessRunner Runner { get; } = new(onCallingThread: true);
}

public sealed class ProcessRunnerLimitTestsOnItsOwnThread : ProcessRunnerLimitTests
{
    protected override ProcessRunner Runner { get; } = new();
}

public sealed class ProcessRunnerLimitTestsOnTheCallingThread : ProcessRunnerLimitTests
{
    protected override ProcessRunner Runner { get; } = new(onCallingThread: true);
}

/// <summary>Where each runner does its work.</summary>
public class ProcessRunnerThreadTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task By_default_RunAsync_returns_while_the_program_still_runs()
    {
        var clock = Stopwatch.StartNew();
        var run = new ProcessRunner().RunAsync(new ProcessRequest("/bin/sleep", ["1"], TimeSpan.FromSeconds(10)), Token);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(0.5), $"RunAsync took {clock.Elapsed} to return");
        Assert.True((await run).Succeeded);
    }

    [Fact]
    public async Task On_the_calling_thread_RunAsync_returns_the_finished_run()
    {
        var run = new ProcessRunner(onCallingThread: true).RunAsync(new ProcessRequest("/bin/sh", ["-c", "echo done"], TimeSpan.FromSeconds(10)), Token);
        Assert.True(run.IsCompletedSuccessfully);
        Assert.Equal("done\n", (await run).StandardOutput);
    }
}
