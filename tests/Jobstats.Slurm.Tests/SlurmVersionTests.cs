namespace Jobstats.Slurm.Tests;

public class SlurmVersionTests
{
    [Theory]
    [InlineData("slurm 22.05.8\n", 22, 5, true, false)]
    [InlineData("slurm 23.02.1", 23, 2, false, false)]
    [InlineData("slurm 21.08.0", 21, 8, true, false)]
    [InlineData("slurm 26.05.0", 26, 5, false, true)]
    [InlineData("slurm-wlm 25.11", 25, 11, false, false)]
    public void Parses_and_classifies(string text, int major, int minor, bool lowerCases, bool sluid)
    {
        var v = SlurmVersion.Parse(text)!;
        Assert.Equal((major, minor, lowerCases, sluid), (v.Major, v.Minor, v.LowerCasesAdminComment, v.HasSluid));
    }

    [Theory]
    [InlineData("")]
    [InlineData("slurm")]
    [InlineData("sacct: error")]
    public void Garbage_is_null(string text) => Assert.Null(SlurmVersion.Parse(text));
}
