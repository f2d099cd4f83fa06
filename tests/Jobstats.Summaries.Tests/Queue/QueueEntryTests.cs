using System.Text;
using Jobstats.Summaries.Queue;

namespace Jobstats.Summaries.Tests.Queue;

public class QueueEntryTests
{
    [Fact]
    public void An_entry_reads_back_as_written_with_its_attempts()
    {
        var entry = new QueueEntry("123456", "labcluster", 1_764_000_000).Failed(FailureCause.Prometheus, "cannot reach Prometheus", 1_764_000_030);
        Assert.True(QueueEntry.TryParse(Encoding.UTF8.GetString(entry.Format()), out QueueEntry? read, out string? problem), problem);
        Assert.Equal(entry, read);
        Assert.Equal(1, read.Attempts);
        Assert.Equal(FailureCause.Prometheus, read.LastCause);
        Assert.Equal("123456@labcluster", read.FileName);
    }

    [Theory]
    [InlineData("", "not a jobstats queue entry")]
    [InlineData("jobstats-summary-queue 2\njob 1\n", "not a jobstats queue entry")]
    [InlineData("jobstats-summary-queue 1\njob ../../etc/passwd\ncluster c\nqueued 1\nattempts 0\nnext 0\n", "bad job id")]
    [InlineData("jobstats-summary-queue 1\njob 12\ncluster a/b\nqueued 1\nattempts 0\nnext 0\n", "bad cluster name")]
    [InlineData("jobstats-summary-queue 1\njob 12\ncluster c\nqueued soon\nattempts 0\nnext 0\n", "number field")]
    [InlineData("jobstats-summary-queue 1\njob 12\ncluster c\nqueued 1\nattempts 99999999999\nnext 0\n", "number field")]
    [InlineData("jobstats-summary-queue 1\njob 012\ncluster c\nqueued 1\nattempts 0\nnext 0\n", "bad job id")]
    [InlineData("jobstats-summary-queue 1\njob 12\ncluster c\nqueued 1\nattempts 0\n", "number field")]
    public void A_damaged_entry_is_refused_with_the_reason(string text, string expected)
    {
        Assert.False(QueueEntry.TryParse(text, out QueueEntry? entry, out string? problem));
        Assert.Null(entry);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Messages_are_one_bounded_line_without_control_characters()
    {
        var entry = new QueueEntry("7", "", 1).Failed(FailureCause.Slurm, "sacct: error\n\x1b[2Jforged\r" + new string('x', 5000), 2);
        Assert.DoesNotContain(entry.LastMessage, char.IsControl);
        Assert.True(entry.LastMessage.Length <= 300);
        Assert.True(entry.Format().Length <= QueueEntry.MaxBytes);
        Assert.True(QueueEntry.TryParse(Encoding.UTF8.GetString(entry.Format()), out QueueEntry? read, out _));
        Assert.Equal(entry.LastMessage, read.LastMessage);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("18446744073709551615", true)]
    [InlineData("123456789012345678901", false)]
    [InlineData("12_3", false)]
    [InlineData("0", false)]
    [InlineData("", false)]
    [InlineData("٣", false)]
    public void Only_plain_raw_ids_are_queued(string id, bool valid) => Assert.Equal(valid, QueueEntry.IsValidJobIdRaw(id));
}
