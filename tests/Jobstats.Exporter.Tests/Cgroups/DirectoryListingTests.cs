using Jobstats.Exporter.Cgroups;
using Jobstats.Testing;

namespace Jobstats.Exporter.Tests.Cgroups;

/// <summary>The opendir(3)/readdir(3) listing on real directories (tmpfs under /tmp), against .NET's own listing.</summary>
public sealed class DirectoryListingTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Only_sub_directories_are_listed_by_name_as_Directory_GetDirectories_finds_them()
    {
        foreach (var name in new[] { "step_batch", "step_extern", "task_0", "ünïcødé", ".hidden" })
            Directory.CreateDirectory(_root.Combine("slurm", "job_1", name));
        File.WriteAllText(_root.Combine("slurm", "job_1", "cpuacct.usage"), "1\n");
        File.CreateSymbolicLink(_root.Combine("slurm", "job_1", "link"), _root.Combine("slurm", "job_1", "task_0"));

        var expected = Directory.GetDirectories(_root.Combine("slurm", "job_1"))
            .Where(path => new DirectoryInfo(path).LinkTarget is null).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(expected, DirectoryListing.Names(_root.Path, "slurm/job_1").Order(StringComparer.Ordinal));
        Assert.Equal(expected, DirectoryListing.Names(_root.Combine("slurm", "job_1")).Order(StringComparer.Ordinal));
        Assert.Equal(["job_1"], DirectoryListing.Names(_root.Path, "slurm"));
    }

    [Fact]
    public void A_directory_that_is_gone_or_is_a_file_lists_nothing()
    {
        File.WriteAllText(_root.Combine("a-file"), "1\n");
        Assert.Empty(DirectoryListing.Names(_root.Path, "job_1/step_batch"));
        Assert.Empty(DirectoryListing.Names(_root.Combine("a-file")));
        Assert.Empty(DirectoryListing.Names(_root.Path, "a-file"));
    }
}
