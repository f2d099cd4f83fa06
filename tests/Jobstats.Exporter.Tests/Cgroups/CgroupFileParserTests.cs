using Jobstats.Exporter.Cgroups;

namespace Jobstats.Exporter.Tests.Cgroups;

public sealed class CgroupFileParserTests
{
    [Theory]
    [InlineData("0\n", 0UL)]
    [InlineData("21987324835\n", 21987324835UL)]
    [InlineData("9223372036854771712", 9223372036854771712UL)]
    [InlineData("18446744073709551615\n", ulong.MaxValue)]
    public void Single_values_parse_with_or_without_newline(string content, ulong expected) =>
        Assert.Equal(expected, CgroupFileParser.ParseSingleValue(content, "f"));

    [Theory]
    [InlineData("")]                          // empty: written but not yet filled
    [InlineData("\n")]
    [InlineData("12a4\n")]                    // garbage
    [InlineData("-5\n")]                      // negative
    [InlineData(" 5\n")]
    [InlineData("5\n\n")]                     // trailing junk
    [InlineData("18446744073709551616\n")]    // overflows 64 bits
    [InlineData("999999999999999999999999999999\n")]
    [InlineData("1e9\n")]
    [InlineData("\0\0\0")]
    public void Malformed_single_values_are_rejected(string content) =>
        Assert.Throws<FormatException>(() => CgroupFileParser.ParseSingleValue(content, "f"));

    [Fact]
    public void Flat_keyed_files_parse_every_line()
    {
        var values = CgroupFileParser.ParseFlatKeyed("user 2062\nsystem 136\n", "cpuacct.stat");
        Assert.Equal(2062UL, values["user"]);
        Assert.Equal(136UL, values["system"]);
        Assert.Empty(CgroupFileParser.ParseFlatKeyed("", "empty"));
    }

    [Theory]
    [InlineData("user 2062\nsystem 13")]          // truncated mid-write: no final newline
    [InlineData("user 2062\nsystem\n")]           // key without value
    [InlineData("user  2062\n")]                  // two spaces
    [InlineData("user 2062 7\n")]
    [InlineData("user 2062\nuser 2063\n")]        // duplicate key
    [InlineData("user x\n")]
    [InlineData("user 99999999999999999999999\n")]
    [InlineData(" 5\n")]
    public void Malformed_flat_keyed_files_are_rejected(string content) =>
        Assert.Throws<FormatException>(() => CgroupFileParser.ParseFlatKeyed(content, "cpuacct.stat"));

    [Theory]
    [InlineData("0-3,8\n", 5)]
    [InlineData("0-1\n", 2)]
    [InlineData("7", 1)]
    [InlineData("\n", 0)]
    [InlineData("", 0)]
    [InlineData("0-3,2-5\n", 6)]                  // overlapping ranges count each CPU once
    public void Cpu_lists_are_counted(string content, int expected) =>
        Assert.Equal(expected, CgroupFileParser.CountCpus(content, "cpuset.cpus"));

    [Theory]
    [InlineData("3-1\n")]
    [InlineData("0-\n")]
    [InlineData("-3\n")]
    [InlineData("0,,1\n")]
    [InlineData("0-4294967295\n")]                // hostile: would allocate billions of entries
    [InlineData("a-b\n")]
    public void Malformed_cpu_lists_are_rejected(string content) =>
        Assert.Throws<FormatException>(() => CgroupFileParser.CountCpus(content, "cpuset.cpus"));

    [Fact]
    public void Memory_max_accepts_max_as_unlimited()
    {
        Assert.Null(CgroupFileParser.ParseLimit("max\n", "memory.max"));
        Assert.Equal(1073741824UL, CgroupFileParser.ParseLimit("1073741824\n", "memory.max"));
        Assert.Throws<FormatException>(() => CgroupFileParser.ParseLimit("maximum\n", "memory.max"));
    }

    [Fact]
    public void Wanted_keys_are_taken_from_a_flat_keyed_file_and_others_skipped()
    {
        Span<ulong> values = stackalloc ulong[2];
        CgroupFileParser.ParseKeys("cache 0\ntotal_rss 5\ntotal_cache 6\nrss 0\n", "memory.stat", ["total_cache", "total_rss"], values);
        Assert.Equal(6UL, values[0]);
        Assert.Equal(5UL, values[1]);
    }

    [Theory]
    [InlineData("total_rss 5\n")]                          // a wanted key missing
    [InlineData("total_rss 5\ntotal_cache 6\ntotal_rss 7\n")] // a wanted key twice
    [InlineData("total_rss 5\ntotal_cache 6\nrss x\n")]     // a skipped line is still checked
    [InlineData("total_rss 5\ntotal_cache 6")]              // truncated
    [InlineData("total_rss  5\ntotal_cache 6\n")]
    public void Malformed_files_are_rejected_when_keys_are_picked(string content)
    {
        var values = new ulong[2];
        Assert.Throws<FormatException>(() => CgroupFileParser.ParseKeys(content, "memory.stat", ["total_cache", "total_rss"], values));
    }

    [Fact]
    public void Oversized_files_are_refused_without_reading_them_whole()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, new string('1', CgroupFileReader.MaxBytes * 4));
            Assert.Throws<FormatException>(() => CgroupFileReader.Read(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
