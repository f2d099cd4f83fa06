using Jobstats.Exporter.Cgroups;

namespace Jobstats.Exporter.Tests.Cgroups;

public sealed class SlurmCgroupNamesTests
{
    [Theory]
    [InlineData("job_42", "42")]
    [InlineData("s0123456789ABC", "s0123456789ABC")]
    public void Job_directories_are_recognised(string name, string expected)
    {
        Assert.True(SlurmCgroupNames.TryJob(name, out var job));
        Assert.Equal(expected, job);
    }

    [Theory]
    [InlineData("job_")]
    [InlineData("job_4x")]
    [InlineData("job_1\"} 1\ninjected")]
    [InlineData("s0123456789abc")]     // SLUIDs are upper case
    [InlineData("s0123456789AB")]      // 12 chars
    [InlineData("s0123456789ABCD")]    // 14 chars
    [InlineData("job_123456789012345678901")]
    public void Other_names_are_not_jobs(string name) => Assert.False(SlurmCgroupNames.TryJob(name, out _));

    [Theory]
    [InlineData("step_batch", true)]
    [InlineData("step_extern", true)]
    [InlineData("step_interactive", true)]
    [InlineData("step_0", true)]
    [InlineData("step_", false)]
    [InlineData("step_bat\"ch", false)]
    [InlineData("user", false)]
    public void Steps(string name, bool expected) => Assert.Equal(expected, SlurmCgroupNames.TryStep(name, out _));

    [Theory]
    [InlineData("task_0", true)]
    [InlineData("task_special", true)]
    [InlineData("task_x", false)]
    public void Tasks(string name, bool expected) => Assert.Equal(expected, SlurmCgroupNames.TryTask(name, out _));
}
