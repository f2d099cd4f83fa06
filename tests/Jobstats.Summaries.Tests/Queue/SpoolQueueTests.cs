using System.Text;
using Jobstats.Summaries.Queue;
using Jobstats.Testing;

namespace Jobstats.Summaries.Tests.Queue;

public sealed class SpoolQueueTests : IDisposable
{
    private readonly TempDirectory _root = new("jobstats-spool-");

    public void Dispose() => _root.Dispose();

    private SpoolQueue NewQueue() => new(_root.Combine("spool"));

    [Fact]
    public void Enqueued_jobs_are_read_back_oldest_first_and_no_temporary_file_remains()
    {
        var queue = NewQueue();
        Assert.True(queue.Enqueue("20", "lab", 200));
        Assert.True(queue.Enqueue("10", "lab", 100));
        Assert.True(queue.Enqueue("30", "", 300));
        var snapshot = queue.Read();
        Assert.Equal(["10", "20", "30"], snapshot.Entries.Select(e => e.JobIdRaw));
        Assert.Empty(snapshot.Quarantined);
        Assert.Empty(Directory.GetFileSystemEntries(queue.TempDirectory));
        // Group may read (an admin's status command), others nothing.
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead,
            File.GetUnixFileMode(Path.Combine(queue.QueueDirectory, "10@lab")));
    }

    [Fact]
    public void Queuing_a_job_again_keeps_its_entry_and_its_attempts()
    {
        var queue = NewQueue();
        queue.Enqueue("5", "lab", 100);
        var failed = queue.Read().Entries[0].Failed(FailureCause.Slurm, "slurmdbd down", 500);
        queue.Update(failed);
        Assert.False(queue.Enqueue("5", "lab", 900));
        var entry = Assert.Single(queue.Read().Entries);
        Assert.Equal(100, entry.QueuedAt);
        Assert.Equal(1, entry.Attempts);
        Assert.Equal(500, entry.NextAttemptAt);
    }

    [Fact]
    public void Removing_an_entry_is_the_way_out_and_removing_twice_is_harmless()
    {
        var queue = NewQueue();
        queue.Enqueue("5", "lab", 100);
        var entry = queue.Read().Entries[0];
        queue.Remove(entry);
        queue.Remove(entry);
        Assert.Empty(queue.Read().Entries);
    }

    [Fact]
    public void Files_that_are_not_entries_are_moved_aside_kept_and_counted()
    {
        var queue = NewQueue();
        queue.EnsureLayout();
        queue.Enqueue("1", "lab", 100);
        File.WriteAllText(Path.Combine(queue.QueueDirectory, "garbage"), "hello");
        File.WriteAllBytes(Path.Combine(queue.QueueDirectory, "huge"), new byte[QueueEntry.MaxBytes + 10]);
        File.WriteAllBytes(Path.Combine(queue.QueueDirectory, "binary"), [0x6a, 0xff, 0xfe, 0x00]);
        // A valid entry under another job's name must not be taken for that job.
        File.Copy(Path.Combine(queue.QueueDirectory, "1@lab"), Path.Combine(queue.QueueDirectory, "2@lab"));
        File.CreateSymbolicLink(Path.Combine(queue.QueueDirectory, "3@lab"), "/etc/passwd");
        var snapshot = queue.Read();
        Assert.Equal(["1"], snapshot.Entries.Select(e => e.JobIdRaw));
        Assert.Equal(5, snapshot.Quarantined.Count);
        Assert.Contains(snapshot.Quarantined, q => q.StartsWith("huge: larger than", StringComparison.Ordinal));
        Assert.Contains(snapshot.Quarantined, q => q.StartsWith("binary: not UTF-8", StringComparison.Ordinal));
        Assert.Contains(snapshot.Quarantined, q => q.StartsWith("3@lab: not a regular file", StringComparison.Ordinal));
        Assert.Equal(5, snapshot.BadCount);
        Assert.Equal(5, Directory.GetFileSystemEntries(queue.BadDirectory).Length);
        Assert.True(File.Exists("/etc/passwd"));
        Assert.Empty(queue.Read().Quarantined);
    }

    [Fact]
    public async Task A_fifo_in_the_queue_does_not_block_the_reader()
    {
        var queue = NewQueue();
        queue.EnsureLayout();
        string fifo = Path.Combine(queue.QueueDirectory, "4@lab");
        Assert.Equal(0, (await Jobstats.Testing.RealProcess.RunAsync("mkfifo", [fifo], cancellationToken: TestContext.Current.CancellationToken)).ExitCode);
        var read = Task.Run(() => queue.Read(), TestContext.Current.CancellationToken);
        var snapshot = await read.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Contains(snapshot.Quarantined, q => q.StartsWith("4@lab: not a regular file", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("12a", "lab")]
    [InlineData("../1", "lab")]
    [InlineData("1", "../etc")]
    [InlineData("1", "a b")]
    public void Invalid_ids_and_clusters_are_refused_before_anything_is_written(string id, string cluster)
    {
        var queue = NewQueue();
        Assert.Throws<ArgumentException>(() => queue.Enqueue(id, cluster, 1));
        Assert.False(Directory.Exists(queue.QueueDirectory));
    }

    [Fact]
    public void A_write_that_fails_leaves_no_temporary_file_and_no_entry()
    {
        var queue = NewQueue();
        queue.EnsureLayout();
        // A directory where the entry should go makes the final rename fail after the data was written.
        Directory.CreateDirectory(Path.Combine(queue.QueueDirectory, "9@lab"));
        File.WriteAllText(Path.Combine(queue.QueueDirectory, "9@lab", "x"), "");
        Assert.ThrowsAny<IOException>(() => queue.Update(new QueueEntry("9", "lab", 1)));
        Assert.Empty(Directory.GetFileSystemEntries(queue.TempDirectory));
    }

    [Fact]
    public void Stale_temporary_files_of_dead_writers_are_removed_and_fresh_ones_kept()
    {
        var queue = NewQueue();
        queue.EnsureLayout();
        string stale = Path.Combine(queue.TempDirectory, "1@lab.99.x.tmp");
        string fresh = Path.Combine(queue.TempDirectory, "2@lab.98.y.tmp");
        File.WriteAllText(stale, "half");
        File.WriteAllText(fresh, "being written");
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddMinutes(-5));
        Assert.Equal(1, queue.RemoveStaleTemporaryFiles(TimeSpan.FromMinutes(1)));
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(fresh));
    }

    [Fact]
    public void Many_writers_at_once_lose_no_entry()
    {
        var queue = NewQueue();
        Parallel.For(1, 401, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => queue.Enqueue(i.ToString(System.Globalization.CultureInfo.InvariantCulture), "lab", i));
        var snapshot = queue.Read();
        Assert.Equal(400, snapshot.Entries.Count);
        Assert.Empty(snapshot.Quarantined);
        Assert.Empty(Directory.GetFileSystemEntries(queue.TempDirectory));
    }
}
