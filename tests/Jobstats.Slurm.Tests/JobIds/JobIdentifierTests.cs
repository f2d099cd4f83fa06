using Jobstats.Slurm.JobIds;

namespace Jobstats.Slurm.Tests.JobIds;

public class JobIdentifierTests
{
    [Theory]
    [InlineData("123", "123")]
    [InlineData(" 123 ", "123")]
    [InlineData("123_4", "123")]
    [InlineData("123+1", "123")]
    [InlineData("123.4", "123")]
    public void Accepts_slurm_job_ids(string input, string baseId)
    {
        Assert.True(JobIdentifier.TryParse(input, out var id, out _));
        Assert.Equal(input.Trim(), id.Text);
        Assert.Equal(baseId, id.BaseId);
    }

    [Theory]
    [InlineData("1' or jobid=~\".*\"")]
    [InlineData("123;rm -rf /")]
    [InlineData("$(id)")]
    [InlineData("123 456")]
    [InlineData("-j")]
    [InlineData("123_")]
    [InlineData("123_4_5")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("1234567890123456789012")]
    [InlineData("123\n456")]
    [InlineData("１２３")]               // full-width digits are not Slurm ids
    [InlineData("123.batch")]
    public void Rejects_anything_else(string input)
    {
        Assert.False(JobIdentifier.TryParse(input, out var id, out string? problem));
        Assert.Null(id);
        Assert.False(string.IsNullOrEmpty(problem));
        Assert.DoesNotContain('\n', problem);
    }

    [Fact]
    public void Array_ranges_are_refused_with_what_to_type()
    {
        Assert.False(JobIdentifier.TryParse("123_[1-3]", out _, out string? problem));
        Assert.Contains("123_1", problem);
        Assert.Contains("one by one", problem);
    }

    [Theory]
    [InlineData("42", true)]
    [InlineData("42_1", false)]
    [InlineData("4 2", false)]
    public void Raw_ids_are_digits_only(string text, bool expected) => Assert.Equal(expected, JobIdentifier.IsRawId(text));
}
