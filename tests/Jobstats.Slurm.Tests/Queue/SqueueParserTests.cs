using System.Text;
using Jobstats.Slurm.Queue;

namespace Jobstats.Slurm.Tests.Queue;

public class SqueueParserTests
{
    [Fact]
    public void Reads_each_running_job_with_its_owner()
    {
        var listing = SqueueParser.Parse("101|alice|physics|cpu\n130|bob|chem|gpu\ns0A1B2C3D4E5F6|carol|(null)|debug\n");
        Assert.Equal(
            [new RunningJob("101", "alice", "physics", "cpu"), new RunningJob("130", "bob", "chem", "gpu"), new RunningJob("s0A1B2C3D4E5F6", "carol", "(null)", "debug")],
            listing.Jobs);
        Assert.Equal(0, listing.RefusedLines);
    }

    [Fact]
    public void Empty_output_is_an_empty_queue()
    {
        var listing = SqueueParser.Parse("");
        Assert.Empty(listing.Jobs);
        Assert.Equal(0, listing.RefusedLines);
        Assert.Empty(SqueueParser.Parse("\n\r\n  \n").Jobs);
    }

    [Theory]
    [InlineData("101|alice|physics")]                          // a field missing
    [InlineData("101|alice|physics|cpu|extra")]                // one too many
    [InlineData("101_4|alice|physics|cpu")]                    // an array id, not the id the nodes label the task with
    [InlineData("12a|alice|physics|cpu")]
    [InlineData("|alice|physics|cpu")]
    [InlineData("101||physics|cpu")]
    [InlineData("101|al ice|physics|cpu")]
    [InlineData("101|alice\"} 1\nevil{a=\"|physics|cpu")]      // label injection
    [InlineData("101|alice|phys\\ics|cpu")]
    [InlineData("101|alice|physics|c{p}u")]
    [InlineData("101|alice|physics|cpu\u001b[31m")]           // terminal escape
    [InlineData("101|al\u00efce|physics|cpu")]                // not ASCII
    [InlineData("1234567890123456789|alice|physics|cpu")]     // 19 digits
    public void A_line_with_a_value_slurm_would_not_print_is_refused_alone(string bad)
    {
        var listing = SqueueParser.Parse($"7|dave|bio|cpu\n{bad}\n8|erin|bio|cpu\n");
        Assert.Equal(["7", "8"], listing.Jobs.Select(j => j.JobId));
        Assert.True(listing.RefusedLines >= 1);
        Assert.All(listing.Refused, r => Assert.DoesNotContain('\u001b', r));
        Assert.All(listing.Refused, r => Assert.DoesNotContain('\n', r));
    }

    [Fact]
    public void A_name_of_65_characters_is_refused_and_one_of_64_kept()
    {
        var listing = SqueueParser.Parse($"1|{new string('u', 64)}|a|p\n2|{new string('u', 65)}|a|p\n");
        Assert.Equal(["1"], listing.Jobs.Select(j => j.JobId));
        Assert.Equal(1, listing.RefusedLines);
    }

    [Fact]
    public void A_job_listed_twice_keeps_its_first_line_since_a_repeated_label_set_fails_the_scrape()
    {
        var listing = SqueueParser.Parse("5|alice|a|p\n5|mallory|a|p\n");
        Assert.Equal([new RunningJob("5", "alice", "a", "p")], listing.Jobs);
        Assert.Contains("listed twice", listing.Refused[0]);
    }

    [Fact]
    public void An_overlong_line_is_refused_unread_and_quoting_stays_short()
    {
        string huge = "9|" + new string('x', 1_000_000) + "|a|p";
        var listing = SqueueParser.Parse($"{huge}\n1|alice|a|p\n");
        Assert.Equal(["1"], listing.Jobs.Select(j => j.JobId));
        Assert.True(listing.Refused[0].Length < 200, listing.Refused[0]);
    }

    [Fact]
    public void Many_bad_lines_are_counted_and_only_the_first_few_quoted()
    {
        var text = new StringBuilder();
        for (int i = 0; i < 1000; i++) text.Append("garbage line ").Append(i).Append('\n');
        var listing = SqueueParser.Parse(text.ToString());
        Assert.Equal(1000, listing.RefusedLines);
        Assert.Equal(SqueueParser.MaxRefusedQuoted, listing.Refused.Count);
    }

    [Fact]
    public void A_hundred_thousand_running_jobs_are_read()
    {
        var text = new StringBuilder();
        for (int i = 1; i <= 100_000; i++) text.Append(i).Append("|user").Append(i % 700).Append("|acct").Append(i % 40).Append("|gpu\n");
        var listing = SqueueParser.Parse(text.ToString());
        Assert.Equal(100_000, listing.Jobs.Count);
        Assert.Equal(0, listing.RefusedLines);
    }
}
