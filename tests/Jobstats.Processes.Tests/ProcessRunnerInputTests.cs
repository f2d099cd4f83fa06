using System.Diagnostics;
using System.Text;
using Jobstats.Processes;

namespace Jobstats.Processes.Tests;

/// <summary>Stdin is written then closed, beside the reads, so no size of input or output can deadlock a run.</summary>
public abstract class ProcessRunnerInputTests
{
    /// <summary>The runner under test: on a thread of its own (the default) or on the calling thread.</summary>
    protected abstract ProcessRunner Runner { get; }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private Task<ProcessResult> Run(string script, byte[]? stdin, TimeSpan timeout) =>
        Runner.RunAsync(new ProcessRequest("/bin/sh", ["-c", script], timeout) { StandardInput = stdin }, Token);

    [Fact]
    public async Task Stdin_is_written_then_closed()
    {
        var result = await Run("cat; echo end", Encoding.UTF8.GetBytes("add 'user'\nlist\n"), TimeSpan.FromSeconds(10));
        Assert.True(result.Succeeded, result.Describe());
        Assert.Equal("add 'user'\nlist\nend\n", result.StandardOutput);
    }

    [Fact]
    public async Task Without_stdin_the_program_reads_end_of_input_at_once()
    {
        var result = await Run("cat; echo end", null, TimeSpan.FromSeconds(10));
        Assert.True(result.Succeeded, result.Describe());
        Assert.Equal("end\n", result.StandardOutput);
    }

    [Fact]
    public async Task A_large_stdin_and_a_large_stdout_at_once_do_not_deadlock()
    {
        // The program writes all its output before it reads any input: both pipes fill unless both are served.
        var input = new byte[8 * 1024 * 1024];
        Array.Fill(input, (byte)'x');
        var result = await Run("head -c 8000000 /dev/zero | tr '\\0' y; wc -c", input, TimeSpan.FromMinutes(1));
        Assert.True(result.Succeeded, result.Describe());
        Assert.Equal(8000000 + "8388608\n".Length, result.StandardOutput.Length);
        Assert.EndsWith("8388608\n", result.StandardOutput);
    }

    [Fact]
    public async Task A_large_stdin_to_a_program_that_exits_without_reading_it_ends_with_the_programs_exit()
    {
        var result = await Run("exit 4", new byte[16 * 1024 * 1024], TimeSpan.FromMinutes(1));
        Assert.Equal(ProcessOutcome.Exited, result.Outcome);
        Assert.Equal(4, result.ExitCode);
    }

    [Fact]
    public async Task A_large_stdin_to_a_program_that_never_reads_it_ends_at_the_time_limit()
    {
        var clock = Stopwatch.StartNew();
        var result = await Run("sleep 30", new byte[16 * 1024 * 1024], TimeSpan.FromMilliseconds(500));
        Assert.Equal(ProcessOutcome.TimedOut, result.Outcome);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }
}
