using System.Globalization;
using System.Text;
using Jobstats.Core.Model;

namespace Jobstats.Slurm.Accounting;

/// <summary>
/// Turns one row of sacct's parsable output (<c>-P -n</c>), as the bytes sacct wrote, into a typed record: the one
/// place where sacct's fields become a <see cref="JobRecord"/>, for single-job lookups and for listings of 100,000 jobs
/// alike. Fields are decoded straight from the row's bytes; the short ones that repeat from job to job (cluster, user,
/// account, state, QOS, partition, TRES...) are kept once per parser, so a listing holds one "COMPLETED", not a
/// hundred thousand (a job name only while it repeats from row to row, as an array's does). Never throws on its input.
/// </summary>
internal sealed class SacctRowParser
{
    /// <summary>Longer fields are not kept once (a job name can be long and unique); they are decoded each time.</summary>
    private const int MaxSharedChars = 128;

    /// <summary>Distinct texts kept at most, so hostile output cannot grow the table without end.</summary>
    private const int MaxShared = 65536;

    private readonly HashSet<string> _shared = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _sharedBySpan;
    private readonly string?[] _lastText = new string?[(int)Slot.Count];
    private readonly byte[] _lastBytes = new byte[(int)Slot.Count * MaxSharedChars];
    private readonly int[] _lastLength = new int[(int)Slot.Count];
    private readonly Dictionary<string, (int Gpus, long? MemoryBytes)> _tres = new(StringComparer.Ordinal);
    private readonly int _jobId, _jobIdRaw, _start, _end, _cluster, _allocTres, _adminComment, _user, _account, _state, _nodes,
        _cpus, _reqMem, _qos, _partition, _timeLimit, _jobName;

    public SacctRowParser(IReadOnlyList<string> fields)
    {
        FieldCount = fields.Count;
        _sharedBySpan = _shared.GetAlternateLookup<ReadOnlySpan<char>>();
        int At(string name)
        {
            for (int i = 0; i < fields.Count; i++) if (fields[i] == name) return i;
            throw new ArgumentException($"field {name} was not requested");
        }
        int Optional(string name)
        {
            for (int i = 0; i < fields.Count; i++) if (fields[i] == name) return i;
            return -1;
        }
        (_jobId, _jobIdRaw, _start, _end, _cluster, _allocTres, _adminComment) =
            (At("jobid"), At("jobidraw"), At("start"), At("end"), At("cluster"), At("alloctres"), At("admincomment"));
        (_user, _account, _state, _nodes, _cpus, _reqMem, _qos, _partition, _timeLimit, _jobName) =
            (At("user"), At("account"), At("state"), At("nnodes"), At("ncpus"), At("reqmem"), At("qos"), At("partition"), At("timelimitraw"), At("jobname"));
        if (_jobName != fields.Count - 1) throw new ArgumentException("jobname must be the last field: a job name may contain '|'");
        JobIdAt = _jobId;
        TotalCpuAt = Optional("totalcpu");
        MaxRssAt = Optional("maxrss");
    }

    public int FieldCount { get; }

    /// <summary>The fields kept once, each remembering its last text.</summary>
    private enum Slot { Cluster, Tres, User, Account, JobName, State, ReqMem, Qos, Partition, TimeLimit, Count }

    public int JobIdAt { get; }

    /// <summary>Where TotalCPU and MaxRSS are in a row; -1 when they were not asked for.</summary>
    public int TotalCpuAt { get; }

    public int MaxRssAt { get; }

    /// <summary>
    /// The strict reading for single-job lookups: every line must be a whole row, or the answer is an error rather
    /// than a report of the wrong job.
    /// </summary>
    public static IReadOnlyList<JobRecord> Parse(string output, IReadOnlyList<string> fields)
    {
        var parser = new SacctRowParser(fields);
        var records = new List<JobRecord>();
        Span<Range> ranges = stackalloc Range[fields.Count];
        int lineNumber = 0;
        foreach (string rawLine in output.Split('\n'))
        {
            lineNumber++;
            string line = rawLine.TrimEnd('\r');
            if (line.Length == 0) continue;
            byte[] bytes = Encoding.UTF8.GetBytes(line);
            int count = parser.Split(bytes, ranges);
            if (count < fields.Count)
                throw new SlurmCommandException($"sacct output line {lineNumber} has {count} fields where {fields.Count} were requested");
            records.Add(parser.Build(bytes, ranges));
        }
        return records;
    }

    /// <summary>
    /// Cuts the row at its first <see cref="FieldCount"/> - 1 separators; the last range runs to the end of the line
    /// (JobName, which may hold '|'). Returns the number of fields found.
    /// </summary>
    public int Split(ReadOnlySpan<byte> line, Span<Range> ranges)
    {
        int count = 0, start = 0;
        while (count < FieldCount - 1)
        {
            int bar = line[start..].IndexOf((byte)'|');
            if (bar < 0) break;
            ranges[count++] = new Range(start, start + bar);
            start += bar + 1;
        }
        ranges[count++] = new Range(start, line.Length);
        return count;
    }

    /// <summary>The record of a row cut by <see cref="Split"/> into all its fields.</summary>
    public JobRecord Build(ReadOnlySpan<byte> line, ReadOnlySpan<Range> ranges)
    {
        ReadOnlySpan<byte> jobId = line[ranges[_jobId]], jobIdRaw = line[ranges[_jobIdRaw]], timeLimit = line[ranges[_timeLimit]];
        ReadOnlySpan<byte> state = line[ranges[_state]];
        string id = Encoding.UTF8.GetString(jobId);
        string tres = Shared(line[ranges[_allocTres]], Slot.Tres);
        (int gpus, long? memory) = Tres(tres);
        return new JobRecord
        {
            JobId = id,
            JobIdRaw = jobIdRaw.SequenceEqual(jobId) ? id : Encoding.UTF8.GetString(jobIdRaw),
            Cluster = Shared(line[ranges[_cluster]], Slot.Cluster),
            User = Shared(line[ranges[_user]], Slot.User),
            Account = Shared(line[ranges[_account]], Slot.Account),
            JobName = Shared(line[ranges[_jobName]], Slot.JobName, remember: false),
            State = state.StartsWith("CANCELLED"u8) ? "CANCELLED" : Shared(state, Slot.State),
            Nodes = Count(line[ranges[_nodes]]),
            Cores = Count(line[ranges[_cpus]]),
            ReqMem = Shared(line[ranges[_reqMem]], Slot.ReqMem),
            Qos = Shared(line[ranges[_qos]], Slot.Qos),
            Partition = Shared(line[ranges[_partition]], Slot.Partition),
            Start = Epoch(line[ranges[_start]]),
            End = Epoch(line[ranges[_end]]),
            TimeLimitMinutes = long.TryParse(timeLimit, NumberStyles.None, CultureInfo.InvariantCulture, out long minutes) ? minutes : null,
            TimeLimitText = timeLimit.IsEmpty ? "UNKNOWN" : Shared(timeLimit, Slot.TimeLimit),
            Gpus = gpus,
            AdminComment = Encoding.UTF8.GetString(line[ranges[_adminComment]]),
            AllocTres = tres,
        };
    }

    /// <summary>The memory of the row's AllocTRES in bytes (see <see cref="TresParser.MemoryBytes"/>).</summary>
    public long? AllocatedMemoryBytes(JobRecord record) => Tres(record.AllocTres).MemoryBytes;

    // A TRES string repeats from job to job like the texts above: it is read once per distinct text.
    private (int Gpus, long? MemoryBytes) Tres(string tres)
    {
        if (_tres.TryGetValue(tres, out var known)) return known;
        var figures = (TresParser.GpuCount(tres), TresParser.MemoryBytes(tres));
        if (_tres.Count < MaxShared) _tres[tres] = figures;
        return figures;
    }

    // A text not kept (remember false: job names, often each job's own) is still reused while it repeats row to row.
    private string Shared(ReadOnlySpan<byte> bytes, Slot slot, bool remember = true)
    {
        if (bytes.IsEmpty) return "";
        if (bytes.Length > MaxSharedChars) return Encoding.UTF8.GetString(bytes);
        // sacct lists a user's or an array's jobs together, so a field is most often what it was on the row before:
        // a comparison of bytes, cheaper than hashing the text.
        int i = (int)slot;
        Span<byte> last = _lastBytes.AsSpan(i * MaxSharedChars, MaxSharedChars);
        if (_lastText[i] is string lastText && bytes.SequenceEqual(last[.._lastLength[i]])) return lastText;
        // UTF-8 never takes fewer bytes than UTF-16 chars, so the chars fit; invalid bytes decode as GetString does.
        Span<char> chars = stackalloc char[MaxSharedChars];
        ReadOnlySpan<char> text = chars[..Encoding.UTF8.GetChars(bytes, chars)];
        if (!remember || !_sharedBySpan.TryGetValue(text, out string? shared))
        {
            shared = new string(text);
            if (remember && _shared.Count < MaxShared) _shared.Add(shared);
        }
        bytes.CopyTo(last);
        (_lastLength[i], _lastText[i]) = (bytes.Length, shared);
        return shared;
    }

    /// <summary>Epoch seconds (with SLURM_TIME_FORMAT=%s); "Unknown", "None" or empty mean not (yet) known.</summary>
    private static long? Epoch(ReadOnlySpan<byte> text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value) && value > 0 ? value : null;

    private static int Count(ReadOnlySpan<byte> text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) ? value : 0;
}
