using System.Diagnostics;
using System.Globalization;
using Jobstats.Processes;

namespace Jobstats.Processes.Tests;

/// <summary>Time limit, caller cancellation and output caps: each ends the run promptly and leaves no process behind.</summary>
public abstract class ProcessRunnerLimitTests
{
    /// <summary>The runner under test: on a thread of its own (the default) or on the calling thread.</summary>
    protected abstract ProcessRunner Runner { get; }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_program_that_overruns_its_time_limit_is_killed_and_reported_as_timed_out()
    {
        var clock = Stopwatch.StartNew();
        var result = await Runner.RunAsync(new ProcessRequest("/bin/sleep", ["30"], TimeSpan.FromMilliseconds(300)), Token);
        Assert.Equal(ProcessOutcome.TimedOut, result.Outcome);
        Assert.True(result.TimedOut);
        Assert.False(result.Succeeded);
        Assert.Equal(-1, result.ExitCode);
        Assert.Equal("sleep did not finish within 0.3 s", result.Failure);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_timeout_kills_the_whole_tree_grandchildren_included()
    {
        // sh starts a sleep, says its pid, and waits: the sleep is a grandchild of ours.
        var request = new ProcessRequest("/bin/sh", ["-c", "sleep 300 & echo $!; wait"], TimeSpan.FromMilliseconds(500));
        var result = await Runner.RunAsync(request, Token);
        Assert.Equal(ProcessOutcome.TimedOut, result.Outcome);
        int grandchild = int.Parse(result.StandardOutput.Trim(), CultureInfo.InvariantCulture);
        Assert.True(await GoneAsync(grandchild), $"the grandchild sleep {grandchild} is still running");
    }

    [Fact]
    public async Task The_callers_cancellation_kills_the_tree_and_throws()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var pidFile = Path.GetTempFileName();
        try
        {
            var request = new ProcessRequest("/bin/sh", ["-c", "sleep 300 & echo $! > \"$1\"; wait", "sh", pidFile], TimeSpan.FromMinutes(1));
            // The cancel comes from elsewhere once the grandchild is running: a runner on the calling thread returns
            // only when the run is over.
            var canceller = Task.Run(async () =>
            {
                while (new FileInfo(pidFile).Length == 0) await Task.Delay(20, Token);
                await Task.Delay(50, Token); // let the echo finish its line
                cancel.Cancel();
            }, Token);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Runner.RunAsync(request, cancel.Token));
            await canceller;
            int grandchild = int.Parse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture);
            Assert.True(await GoneAsync(grandchild), $"the grandchild sleep {grandchild} is still running");
        }
        finally { File.Delete(pidFile); }
    }

    [Fact]
    public async Task A_descendant_that_left_the_tree_holding_stdout_cannot_hold_the_caller_past_the_time_limit()
    {
        // The subshell exits at once, so its sleep is reparented away from us, still holding our stdout pipe.
        var clock = Stopwatch.StartNew();
        var request = new ProcessRequest("/bin/sh", ["-c", "(sleep 5 &); echo started"], TimeSpan.FromMilliseconds(500));
        var result = await Runner.RunAsync(request, Token);
        Assert.Equal(ProcessOutcome.TimedOut, result.Outcome);
        Assert.Equal("started\n", result.StandardOutput);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_descendant_that_left_the_tree_holding_stderr_cannot_hold_the_caller_past_the_time_limit()
    {
        var clock = Stopwatch.StartNew();
        var request = new ProcessRequest("/bin/sh", ["-c", "(sleep 5 >/dev/null &); echo started"], TimeSpan.FromMilliseconds(500));
        var result = await Runner.RunAsync(request, Token);
        Assert.Equal(ProcessOutcome.TimedOut, result.Outcome);
        Assert.Equal("started\n", result.StandardOutput);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Endless_stdout_is_cut_at_the_cap_and_the_program_killed_long_before_the_time_limit()
    {
        var clock = Stopwatch.StartNew();
        var request = new ProcessRequest("/usr/bin/yes", [], TimeSpan.FromMinutes(1)) { MaxOutputChars = 1024 * 1024 };
        var result = await Runner.RunAsync(request, Token);
        Assert.Equal(ProcessOutcome.OutputTooLarge, result.Outcome);
        Assert.Equal("yes printed more than 1 MiB; stopped it", result.Failure);
        Assert.Equal(1024 * 1024, result.StandardOutput.Length);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_streamed_stdout_reaches_its_reader_whole_and_is_not_kept()
    {
        long bytes = 0, lines = 0;
        var request = new ProcessRequest("/usr/bin/seq", ["1", "200000"], TimeSpan.FromMinutes(1))
        {
            StandardOutputReader = chunk => { bytes += chunk.Length; lines += chunk.Count((byte)'\n'); },
        };
        var result = await Runner.RunAsync(request, Token);
        Assert.True(result.Succeeded, result.Describe());
        Assert.Equal("", result.StandardOutput);
        Assert.Equal(200000, lines);
        Assert.Equal(1288895, bytes); // digits of 1..200000 plus a newline each
    }

    [Fact]
    public async Task A_streamed_stdout_is_capped_in_bytes()
    {
        long bytes = 0;
        var request = new ProcessRequest("/usr/bin/yes", [], TimeSpan.FromMinutes(1))
        {
            MaxOutputChars = 1024 * 1024, StandardOutputReader = chunk => bytes += chunk.Length,
        };
        var result = await Runner.RunAsync(request, Token);
        Assert.Equal(ProcessOutcome.OutputTooLarge, result.Outcome);
        Assert.Equal(1024 * 1024, bytes);
    }

    [Fact]
    public void The_default_stdout_cap_is_64_MiB()
    {
        Assert.Equal(64 * 1024 * 1024, new ProcessRequest("sacct", [], TimeSpan.FromSeconds(1)).MaxOutputChars);
    }

    [Fact]
    public async Task Stderr_beyond_its_cap_is_drained_and_dropped_so_the_program_still_finishes()
    {
        var request = new ProcessRequest("/bin/sh", ["-c", "head -c 5000000 /dev/zero | tr '\\0' e >&2; echo done"], TimeSpan.FromMinutes(1));
        var result = await Runner.RunAsync(request, Token);
        Assert.True(result.Succeeded, result.Describe());
        Assert.Equal("done\n", result.StandardOutput);
        Assert.Equal(ProcessRequest.MaxErrorChars, result.StandardError.Length);
        Assert.Equal(64 * 1024, ProcessRequest.MaxErrorChars);
    }

    // A killed process's pid disappears once reaped; a zombie awaiting its reaper counts as gone.
    private static async Task<bool> GoneAsync(int pid)
    {
        for (int i = 0; i < 100; i++)
        {
            string stat;
            try { stat = File.ReadAllText($"/proc/{pid}/stat"); }
            catch (IOException) { return true; }
            if (stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z')) return true;
            await Task.Delay(50);
        }
        return false;
    }
}
