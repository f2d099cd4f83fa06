using Jobstats.Processes;

namespace Jobstats.Processes.Tests;

/// <summary>What the program gets (argv, environment, directory) and how its exit is told apart from a failure to start.</summary>
public abstract class ProcessRunnerTests
{
    /// <summary>The runner under test: on a thread of its own (the default) or on the calling thread.</summary>
    protected abstract ProcessRunner Runner { get; }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private Task<ProcessResult> Run(string program, params string[] arguments) =>
        Runner.RunAsync(new ProcessRequest(program, arguments, TimeSpan.FromSeconds(10)), Token);

    [Fact]
    public async Task Passes_arguments_verbatim_without_a_shell()
    {
        var result = await Run("/usr/bin/printf", "%s|", "a b", "$(id)", "'; ls");
        Assert.True(result.Succeeded);
        Assert.Equal("a b|$(id)|'; ls|", result.StandardOutput);
    }

    [Fact]
    public async Task Adds_overrides_and_removes_environment_variables()
    {
        Environment.SetEnvironmentVariable("JOBSTATS_RUNNER_TEST_UNSET", "inherited");
        var request = new ProcessRequest("/bin/sh", ["-c", "echo \"$SLURM_TIME_FORMAT|$HOME|${JOBSTATS_RUNNER_TEST_UNSET-gone}\""], TimeSpan.FromSeconds(10))
        {
            Environment = new Dictionary<string, string?>
            {
                ["SLURM_TIME_FORMAT"] = "%s", ["HOME"] = "/nowhere", ["JOBSTATS_RUNNER_TEST_UNSET"] = null,
            },
        };
        Assert.Equal("%s|/nowhere|gone\n", (await Runner.RunAsync(request, Token)).StandardOutput);
    }

    [Fact]
    public async Task Runs_in_the_working_directory_it_is_given()
    {
        var request = new ProcessRequest("/bin/pwd", [], TimeSpan.FromSeconds(10)) { WorkingDirectory = "/usr" };
        Assert.Equal("/usr\n", (await Runner.RunAsync(request, Token)).StandardOutput);
    }

    [Fact]
    public async Task An_exit_is_reported_with_its_code_and_both_streams()
    {
        var result = await Run("/bin/sh", "-c", "echo out; echo oops >&2; exit 3");
        Assert.Equal(ProcessOutcome.Exited, result.Outcome);
        Assert.False(result.Succeeded);
        Assert.Equal(3, result.ExitCode);
        Assert.Equal("out\n", result.StandardOutput);
        Assert.Equal("oops\n", result.StandardError);
        Assert.Equal("exit 3: oops", result.Describe());
    }

    [Fact]
    public async Task A_missing_program_is_an_outcome_with_a_clear_message_not_an_exception()
    {
        var result = await Run("/nonexistent/sacct");
        Assert.Equal(ProcessOutcome.FailedToStart, result.Outcome);
        Assert.Equal(-1, result.ExitCode);
        Assert.Equal("cannot run /nonexistent/sacct: No such file or directory", result.Failure);
        Assert.Equal(result.Failure, result.Describe());
    }

    [Fact]
    public async Task A_file_that_is_not_executable_fails_to_start()
    {
        string dir = Directory.CreateTempSubdirectory("jobstats-runner-").FullName;
        try
        {
            string path = Path.Combine(dir, "script");
            File.WriteAllText(path, "#!/bin/sh\necho hi\n");
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            var result = await Run(path);
            Assert.Equal(ProcessOutcome.FailedToStart, result.Outcome);
            Assert.Equal($"cannot run {path}: Permission denied", result.Failure);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
