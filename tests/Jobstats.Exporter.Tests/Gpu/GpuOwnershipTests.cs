using Jobstats.Exporter.Gpu;
using Jobstats.Exporter.Tests.Support;
using Jobstats.Testing;

namespace Jobstats.Exporter.Tests.Gpu;

public sealed class GpuOwnershipTests
{
    [Theory]
    [InlineData("4242 1000\n", "4242", "1000")]
    [InlineData("4242 1000", "4242", "1000")]
    [InlineData("s0A1B2C3D4E5F6 0\n", "s0A1B2C3D4E5F6", "0")]
    public void Valid_lines(string content, string job, string uid) => Assert.Equal(new GpuOwner(job, uid), GpuOwnership.Parse(content));

    [Theory]
    [InlineData("")]
    [InlineData("4242\n")]                   // half written
    [InlineData("4242 \n")]
    [InlineData("4242  1000\n")]
    [InlineData("4242 1000 extra\n")]
    [InlineData("42\"} 1 1000\n")]           // label injection attempt
    [InlineData("4242 -1\n")]
    [InlineData("4242 1000\n\n")]
    [InlineData("123456789012345678901 1\n")]
    public void Invalid_lines_are_rejected(string content) => Assert.Null(GpuOwnership.Parse(content));

    [Fact]
    public void Uuid_file_wins_over_index_file_and_a_malformed_file_means_no_owner()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Combine("GPU-x"), "1 2\n");
        File.WriteAllText(dir.Combine("0"), "3 4\n");
        File.WriteAllText(dir.Combine("1"), "garbage");
        File.WriteAllText(dir.Combine("2.5"), "7 8\n");
        var ownership = new GpuOwnership(dir.Path, Render.QuietLog());
        Assert.Equal(new GpuOwner("1", "2"), ownership.Find("GPU-x", 0, null));
        Assert.Equal(new GpuOwner("3", "4"), ownership.Find("GPU-y", 0, null));
        Assert.Null(ownership.Find("GPU-z", 1, null));
        Assert.Equal(new GpuOwner("7", "8"), ownership.Find("MIG-q", 2, 5));
        Assert.Null(ownership.Find("../0", 9, null));
    }
}
