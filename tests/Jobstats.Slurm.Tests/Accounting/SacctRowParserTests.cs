using Jobstats.Slurm.Accounting;

namespace Jobstats.Slurm.Tests.Accounting;

public class SacctRowParserTests
{
    private static readonly IReadOnlyList<string> Fields = SacctFields.Lookup;

    private const string Completed =
        "10920562|10920562|1730212549|1730214578|tiger2|billing=40,cpu=40,mem=10G,node=1|JS1:H4sI|aturing|physics|COMPLETED|1|40|10G|tiger-short|serial|1440|9";

    [Fact]
    public void Parses_a_completed_job()
    {
        var r = Assert.Single(SacctRowParser.Parse(Completed + "\n", Fields));
        Assert.Equal(("10920562", "tiger2", "aturing", "physics", "9"), (r.JobIdRaw, r.Cluster, r.User, r.Account, r.JobName));
        Assert.Equal((1730212549L, 1730214578L), (r.Start, r.End));
        Assert.Equal((1, 40, "10G", 1440L, 0), (r.Nodes, r.Cores, r.ReqMem, r.TimeLimitMinutes, r.Gpus));
        Assert.Equal("JS1:H4sI", r.AdminComment);
    }

    [Fact]
    public void A_pipe_in_the_job_name_survives()
    {
        var r = Assert.Single(SacctRowParser.Parse(Completed.Replace("|9", "|a|b||c"), Fields));
        Assert.Equal("a|b||c", r.JobName);
    }

    [Fact]
    public void Running_unlimited_cancelled_and_pending_jobs()
    {
        string output = string.Join("\n",
            "5|5|1730212549|Unknown|c|cpu=1|||a|RUNNING|1|1|1G|normal|p|UNLIMITED|run",
            "6|6|1730212549|1730212600|c|cpu=1|||a|CANCELLED by 1234|1|1|1G|normal|p|60|cancel",
            "7|7|Unknown|Unknown|c|||u|a|PENDING|1|1|1G|normal|p|60|wait",
            "8|8|None|1730212600|c|||u|a|CANCELLED by 0|1|1|1G|normal|p|Partition_Limit|never");
        var rows = SacctRowParser.Parse(output, Fields);
        Assert.Null(rows[0].End);
        Assert.True(rows[0].IsRunning);
        Assert.Null(rows[0].TimeLimitMinutes);
        Assert.Equal("UNLIMITED", rows[0].TimeLimitText);
        Assert.Equal("CANCELLED", rows[1].State);
        Assert.Null(rows[2].Start);
        Assert.Null(rows[3].Start);
        Assert.Equal("Partition_Limit", rows[3].TimeLimitText);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    public void Empty_output_gives_no_rows(string output) => Assert.Empty(SacctRowParser.Parse(output, Fields));

    [Fact]
    public void A_truncated_row_is_a_clear_error()
    {
        var e = Assert.Throws<SlurmCommandException>(() => SacctRowParser.Parse("123|123|1730212549", Fields));
        Assert.Contains("line 1 has 3 fields where 17 were requested", e.Message);
    }

    [Fact]
    public void Garbage_numbers_do_not_throw()
    {
        var r = Assert.Single(SacctRowParser.Parse("1|1|-5|99999999999999999999|c||||a|COMPLETED|x|-3|1G|q|p|1e3|n", Fields));
        Assert.Null(r.Start);
        Assert.Null(r.End);
        Assert.Equal((0, 0), (r.Nodes, r.Cores));
        Assert.Null(r.TimeLimitMinutes);
    }
}
