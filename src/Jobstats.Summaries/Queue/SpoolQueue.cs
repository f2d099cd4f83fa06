using System.Text;

namespace Jobstats.Summaries.Queue;

/// <summary>
/// The queue of ended jobs, one file per job under <c>SPOOL/queue</c>, written durably (<see cref="DurableFiles"/>):
/// an entry the epilog was told is queued survives a crash of the controller. The service rewrites an entry to record
/// a failed attempt and removes it only once the job's summary is stored. A file that is not a valid entry is moved to
/// <c>SPOOL/bad</c> (kept for an admin, counted in the status), never deleted and never retried forever.
/// </summary>
public sealed class SpoolQueue(string root)
{
    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                                               UnixFileMode.GroupRead | UnixFileMode.GroupExecute;
    private const UnixFileMode EntryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;

    public string Root { get; } = root;
    public string QueueDirectory => Path.Combine(Root, "queue");
    public string TempDirectory => Path.Combine(Root, "tmp");
    public string BadDirectory => Path.Combine(Root, "bad");

    /// <summary>Creates the spool's directories that are missing (the root itself included).</summary>
    public void EnsureLayout()
    {
        foreach (string directory in new[] { Root, QueueDirectory, TempDirectory, BadDirectory })
            if (!Directory.Exists(directory)) Directory.CreateDirectory(directory, DirectoryMode);
    }

    /// <summary>
    /// Queues one ended job. A job already queued keeps its entry (and its attempts so far); the answer says which.
    /// </summary>
    public bool Enqueue(string jobIdRaw, string cluster, long now)
    {
        if (!QueueEntry.IsValidJobIdRaw(jobIdRaw)) throw new ArgumentException($"'{jobIdRaw}' is not a raw Slurm job id (digits only)");
        if (!QueueEntry.IsValidCluster(cluster)) throw new ArgumentException($"'{cluster}' is not a Slurm cluster name");
        var entry = new QueueEntry(jobIdRaw, cluster, now);
        string path = PathOf(entry);
        if (File.Exists(path)) return false;
        EnsureLayout();
        DurableFiles.Write(path, entry.Format(), TempDirectory, EntryMode);
        return true;
    }

    /// <summary>Records an attempt's outcome in place of the entry, atomically.</summary>
    public void Update(QueueEntry entry) => DurableFiles.Write(PathOf(entry), entry.Format(), TempDirectory, EntryMode);

    /// <summary>Removes a job whose summary is stored (or can never be): the one way an entry leaves the queue.</summary>
    public void Remove(QueueEntry entry)
    {
        try { DurableFiles.Delete(PathOf(entry)); }
        catch (FileNotFoundException) { }
    }

    /// <summary>
    /// Every valid entry; invalid files are reported and, with <paramref name="quarantine"/> (the service), moved to
    /// the bad directory.
    /// </summary>
    public QueueSnapshot Read(bool quarantine = true)
    {
        var entries = new List<QueueEntry>();
        var quarantined = new List<string>();
        if (!Directory.Exists(QueueDirectory)) return new QueueSnapshot(entries, quarantined, CountBad());
        foreach (string path in Directory.EnumerateFileSystemEntries(QueueDirectory))
        {
            string name = Path.GetFileName(path);
            string? problem = TryRead(path, out QueueEntry? entry);
            if (entry is null && problem is null) continue; // removed meanwhile
            if (entry is not null && entry.FileName == name)
            {
                entries.Add(entry);
                continue;
            }
            problem ??= "the file name does not match the job it names";
            if (quarantine) Quarantine(path);
            quarantined.Add($"{name}: {problem}");
        }
        entries.Sort((a, b) => a.QueuedAt != b.QueuedAt ? a.QueuedAt.CompareTo(b.QueuedAt) : string.CompareOrdinal(a.FileName, b.FileName));
        return new QueueSnapshot(entries, quarantined, CountBad());
    }

    /// <summary>Temporary files older than <paramref name="age"/> were left by a writer that died mid-write.</summary>
    public int RemoveStaleTemporaryFiles(TimeSpan age)
    {
        if (!Directory.Exists(TempDirectory)) return 0;
        int removed = 0;
        DateTime limit = DateTime.UtcNow - age;
        foreach (var file in new DirectoryInfo(TempDirectory).EnumerateFiles())
        {
            if (file.LastWriteTimeUtc > limit) continue;
            try { file.Delete(); removed++; }
            catch (IOException) { }
        }
        return removed;
    }

    private string PathOf(QueueEntry entry) => Path.Combine(QueueDirectory, entry.FileName);

    private static string? TryRead(string path, out QueueEntry? entry)
    {
        entry = null;
        byte[] buffer = new byte[QueueEntry.MaxBytes + 1];
        int length;
        try
        {
            using FileStream? stream = DurableFiles.OpenRegular(path, out string? refused);
            if (stream is null) return refused;
            length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (IOException e) { return $"cannot be read: {e.Message}"; }
        catch (UnauthorizedAccessException e) { return $"cannot be read: {e.Message}"; }
        if (length > QueueEntry.MaxBytes) return $"larger than {QueueEntry.MaxBytes} bytes";
        string text;
        try { text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, length); }
        catch (DecoderFallbackException) { return "not UTF-8 text"; }
        return QueueEntry.TryParse(text, out entry, out string? problem) ? null : problem;
    }

    private void Quarantine(string path)
    {
        try
        {
            Directory.CreateDirectory(BadDirectory);
            string target = Path.Combine(BadDirectory, $"{Path.GetFileName(path)}.{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}");
            if (Directory.Exists(path)) Directory.Move(path, target);
            else DurableFiles.Move(path, target);
        }
        catch (IOException) { }
    }

    private int CountBad() => Directory.Exists(BadDirectory) ? Directory.EnumerateFileSystemEntries(BadDirectory).Count() : 0;
}

/// <summary>The queue as read at one moment.</summary>
public sealed record QueueSnapshot(IReadOnlyList<QueueEntry> Entries, IReadOnlyList<string> Quarantined, int BadCount);
