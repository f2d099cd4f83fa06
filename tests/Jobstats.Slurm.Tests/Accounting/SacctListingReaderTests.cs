using System.Text;
using Jobstats.Processes;
using Jobstats.Slurm.Accounting;
using Jobstats.Slurm.JobIds;
using Jobstats.Testing;

namespace Jobstats.Slurm.Tests.Accounting;

public class SacctListingReaderTests
{
    // jobid jobidraw start end cluster alloctres admincomment user account state nnodes ncpus reqmem qos partition
    // timelimitraw totalcpu maxrss jobname
    private static string Job(string id, string state = "COMPLETED", string totalCpu = "01:00:00", string comment = "", string name = "job") =>
        $"{id}|{id}|1000|4600|c1|cpu=4,mem=8G,node=1|{comment}|alice|phys|{state}|1|4|8G|normal|cpu|120|{totalCpu}||{name}";

    private static string Step(string id, string totalCpu, string maxRss) =>
        $"{id}|{id}|1000|4600|c1|cpu=4,mem=8G,node=1||||COMPLETED|1|4|8G||||{totalCpu}|{maxRss}|batch";

    private static (List<ListedJob> Jobs, SacctListingReader Reader) Read(string output)
    {
        var jobs = new List<ListedJob>();
        var reader = new SacctListingReader(jobs.Add);
        reader.Feed(output);
        return (jobs, reader);
    }

    [Fact]
    public void Steps_give_the_peak_memory_and_the_job_row_its_cpu_time()
    {
        var (jobs, reader) = Read(string.Join('\n', Job("10"), Step("10.batch", "00:59:00", "1536K"), Step("10.0", "00:01:00", "2G"),
            Job("11", totalCpu: ""), Step("11.batch", "1-00:00:01.5", "0")) + "\n");
        Assert.Empty(reader.Skipped);
        Assert.Equal(["10", "11"], jobs.Select(j => j.Record.JobId));
        Assert.Equal(3600, jobs[0].Accounting.CpuSeconds);
        Assert.Equal(2L * 1024 * 1024 * 1024, jobs[0].Accounting.MaxRssBytes);
        Assert.Equal(8L * 1024 * 1024 * 1024, jobs[0].Accounting.AllocatedMemoryBytes);
        // No TotalCPU on the job row: its steps' sum stands in.
        Assert.Equal(86401.5, jobs[1].Accounting.CpuSeconds);
        Assert.Equal(0, jobs[1].Accounting.MaxRssBytes);
    }

    [Fact]
    public void Malformed_lines_are_skipped_with_their_line_number_and_the_rest_is_read()
    {
        var (jobs, reader) = Read(string.Join('\n', Job("10"), "garbage|line", Step("99.batch", "00:01", "1K"), Job("12", name: "a|b")));
        Assert.Equal(["10", "12"], jobs.Select(j => j.Record.JobId));
        Assert.Equal("a|b", jobs[1].Record.JobName);
        Assert.Equal(2, reader.Skipped.Count);
        Assert.StartsWith("line 2 has 2 fields where 19 were asked for", reader.Skipped[0]);
        Assert.StartsWith("line 3 is step 99.batch", reader.Skipped[1]);
    }

    [Fact]
    public void Chunks_split_anywhere_read_the_same_as_the_whole()
    {
        string output = string.Join('\n', Job("10", name: "naïve"), Step("10.batch", "00:10:00", "1M"), Job("11")) + "\n";
        byte[] bytes = Encoding.UTF8.GetBytes(output);
        for (int cut = 1; cut < bytes.Length; cut += 7)
        {
            var jobs = new List<ListedJob>();
            var reader = new SacctListingReader(jobs.Add);
            reader.Feed(bytes.AsSpan(0, cut));
            reader.Feed(bytes.AsSpan(cut));
            reader.Finish();
            Assert.Equal(["10", "11"], jobs.Select(j => j.Record.JobId));
            Assert.Equal("naïve", jobs[0].Record.JobName);
            Assert.Equal(1024 * 1024, jobs[0].Accounting.MaxRssBytes);
        }
    }

    [Fact]
    public void Skipped_lines_are_reported_up_to_a_cap_and_counted_beyond_it()
    {
        var (_, reader) = Read(string.Join('\n', Enumerable.Repeat("bad", 25)));
        Assert.Equal(SacctListingReader.MaxSkippedReported + 1, reader.Skipped.Count);
        Assert.Equal("5 more lines skipped", reader.Skipped[^1]);
    }

    [Theory]
    [InlineData("12:34.567", 754.567)]
    [InlineData("01:02:03", 3723.0)]
    [InlineData("1-02:03:04", 93784.0)]
    [InlineData("", null)]
    [InlineData("abc", null)]
    [InlineData("5", null)]
    public void TotalCpu_durations(string text, double? seconds) => Assert.Equal(seconds, SacctValues.Duration(text));

    [Theory]
    [InlineData("1536K", 1536L * 1024)]
    [InlineData("1.50G", 1610612736L)]
    [InlineData("0", 0L)]
    [InlineData("", null)]
    [InlineData("12Q", null)]
    public void MaxRss_sizes(string text, long? bytes) => Assert.Equal(bytes, SacctValues.Size(text));

    [Fact]
    public async Task A_listing_is_one_sacct_call_with_steps_and_the_selection()
    {
        var runner = new RecordingProcessRunner(_ => RecordingProcessRunner.Ok(Job("10") + "\n"));
        var client = new SacctClient(runner, TimeSpan.FromSeconds(5));
        var query = new JobListQuery
        {
            Ids = [JobIdentifier.Parse("10"), JobIdentifier.Parse("11_2")], User = "alice", Account = "phys", State = "CD,F",
            Since = "4d", Until = "2025-01-31T08:00", Cluster = "c1",
        };
        var jobs = new List<ListedJob>();
        var skipped = await client.ListAsync(query, jobs.Add, TestContext.Current.CancellationToken);
        Assert.Empty(skipped);
        Assert.Single(jobs);
        var call = Assert.Single(runner.Requests);
        Assert.Equal(["-P", "-n", "-o", string.Join(',', SacctFields.Listing), "-j", "10,11_2", "-u", "alice", "-A", "phys", "-s", "CD,F",
            "-S", "now-4days", "-E", "2025-01-31T08:00", "-M", "c1"], call.Arguments);
        Assert.DoesNotContain("-X", call.Arguments);
        Assert.NotNull(call.StandardOutputReader);
    }

    [Theory]
    [InlineData("al ice", null, "--user")]
    [InlineData("alice", "yesterday;rm", "--since")]
    [InlineData("alice\u001b[2J", null, "\\x1b[2J")]
    public void Bad_selections_are_refused_with_the_option_named(string user, string? since, string expected)
    {
        var problems = JobListQuery.Check(new JobListQuery { User = user, Since = since });
        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains('\u001b'));
    }
}
