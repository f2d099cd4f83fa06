using Jobstats.Exporter.Cgroups;
using Jobstats.Testing;

namespace Jobstats.Exporter.Tests.Cgroups;

/// <summary>The open(2)/read(2) reader on real files, FIFOs and directories (tmpfs under /tmp).</summary>
public sealed class CgroupFileReaderTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void A_file_is_read_whole()
    {
        var path = _root.Combine("memory.stat");
        File.WriteAllText(path, "total_rss 5\ntotal_cache 6\n");
        Assert.Equal("total_rss 5\ntotal_cache 6\n", CgroupFileReader.Read(path));
        Assert.Equal("total_rss 5\ntotal_cache 6\n", CgroupFileReader.ReadOptional(path));
    }

    [Fact]
    public void A_missing_optional_file_or_directory_is_null()
    {
        File.WriteAllText(_root.Combine("a-file"), "1\n");
        Assert.Null(CgroupFileReader.ReadOptional(_root.Combine("memory.memsw.failcnt")));
        Assert.Null(CgroupFileReader.ReadOptional(_root.Combine("gone", "memory.memsw.failcnt")));
        Assert.Null(CgroupFileReader.ReadOptional(_root.Combine("a-file", "memory.memsw.failcnt"))); // ENOTDIR
    }

    [Fact]
    public void A_missing_required_file_is_file_not_found_naming_the_path()
    {
        var path = _root.Combine("memory.failcnt");
        var error = Assert.Throws<FileNotFoundException>(() => CgroupFileReader.Read(path));
        Assert.Contains(path, error.Message);
        Assert.False(CgroupRemoval.IsRemovalError(error));
    }

    [Fact]
    public void A_file_over_the_cap_is_refused_and_one_at_the_cap_is_read()
    {
        var over = _root.Combine("over");
        File.WriteAllText(over, new string('1', CgroupFileReader.MaxBytes + 1));
        var error = Assert.Throws<FormatException>(() => CgroupFileReader.Read(over));
        Assert.Equal($"over: larger than {CgroupFileReader.MaxBytes} bytes", error.Message);
        var at = _root.Combine("at");
        File.WriteAllText(at, new string('1', CgroupFileReader.MaxBytes));
        Assert.Equal(CgroupFileReader.MaxBytes, CgroupFileReader.Read(at).Length);
    }

    [Fact]
    public void A_directory_in_place_of_a_file_is_an_error_even_when_optional()
    {
        var path = _root.Combine("memory.memsw.usage_in_bytes");
        Directory.CreateDirectory(path);
        var error = Assert.ThrowsAny<IOException>(() => CgroupFileReader.ReadOptional(path));
        Assert.Contains("is a directory", error.Message);
    }

    [Fact]
    public async Task A_fifo_in_place_of_a_file_does_not_hang_the_read()
    {
        var path = _root.Combine("cpuacct.usage");
        RealProcess.Run("mkfifo", [path]).EnsureSuccess();
        var cancel = TestContext.Current.CancellationToken;

        // No writer: the read ends at once with nothing, which the parsers refuse.
        var empty = await Task.Run(() => CgroupFileReader.Read(path), cancel).WaitAsync(TimeSpan.FromSeconds(10), cancel);
        Assert.Equal("", empty);
        Assert.Throws<FormatException>(() => CgroupFileParser.ParseSingleValue(empty, "cpuacct.usage"));

        // A writer that never writes (opened read-write, which does not block on Linux): an error, not a wait.
        using var writer = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        var read = Task.Run(() => CgroupFileReader.Read(path), cancel);
        var error = await Assert.ThrowsAsync<IOException>(() => read.WaitAsync(TimeSpan.FromSeconds(10), cancel));
        Assert.Contains("nothing to read without waiting", error.Message);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_become_replacement_characters_that_no_parser_accepts()
    {
        var path = _root.Combine("cpuacct.usage");
        File.WriteAllBytes(path, [0x31, 0xff, 0xfe, 0x0a]);
        var text = CgroupFileReader.Read(path);
        Assert.Equal("1\ufffd\ufffd\n", text);
        Assert.Throws<FormatException>(() => CgroupFileParser.ParseSingleValue(text, "cpuacct.usage"));
    }

    [Theory]
    [InlineData(19, true)]  // ENODEV: a file of a removed cgroup
    [InlineData(3, true)]   // ESRCH
    [InlineData(5, false)]  // EIO
    public void Errors_carry_errno_so_a_cgroup_removed_mid_read_is_recognised(int errno, bool removal)
    {
        var error = CgroupFileReader.ErrorFor(errno, "/sys/fs/cgroup/memory/slurm/uid_1/job_2/memory.stat");
        Assert.IsAssignableFrom<IOException>(error);
        Assert.Equal(removal, CgroupRemoval.IsRemovalError(error));
        Assert.StartsWith("/sys/fs/cgroup/memory/slurm/uid_1/job_2/memory.stat: ", error.Message);
    }
}
