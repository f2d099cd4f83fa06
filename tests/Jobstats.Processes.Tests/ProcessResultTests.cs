using Jobstats.Processes;

namespace Jobstats.Processes.Tests;

/// <summary>How a result is quoted in an error message: one bounded line.</summary>
public class ProcessResultTests
{
    [Fact]
    public void The_first_error_line_is_the_first_non_blank_line_of_stderr()
    {
        Assert.Equal("sacct: error: Problem talking to the database", ProcessResult.Exited(1, "rows\n", "\n  sacct: error: Problem talking to the database \nmore\n").FirstErrorLine);
    }

    [Fact]
    public void Without_stderr_the_first_error_line_comes_from_stdout()
    {
        Assert.Equal("Error: device not found", ProcessResult.Exited(0, "Error: device not found\n").FirstErrorLine);
    }

    [Fact]
    public void A_huge_error_line_is_cut_to_200_characters()
    {
        var line = ProcessResult.Exited(1, "", new string('e', 50_000)).FirstErrorLine;
        Assert.Equal(new string('e', ProcessResult.MaxErrorLineLength) + "…", line);
        Assert.Equal(200, ProcessResult.MaxErrorLineLength);
    }

    [Fact]
    public void An_exit_is_described_by_its_code_and_first_error_line()
    {
        Assert.Equal("exit 3: oops", ProcessResult.Exited(3, "", "oops\nmore\n").Describe());
        Assert.Equal("exit 3", ProcessResult.Exited(3).Describe());
    }

    [Fact]
    public void Any_other_outcome_is_described_by_its_failure_and_never_succeeds()
    {
        var result = ProcessResult.DidNotExit(ProcessOutcome.TimedOut, "sacct did not finish within 5 s");
        Assert.Equal("sacct did not finish within 5 s", result.Describe());
        Assert.False(result.Succeeded);
    }

    [Fact]
    public void An_exit_cannot_be_made_a_failure_without_its_exit_code()
    {
        Assert.Throws<ArgumentException>(() => ProcessResult.DidNotExit(ProcessOutcome.Exited, "exited"));
    }
}
