using System.Buffers;
using System.Text;
using Jobstats.Core.Model;
using Jobstats.Core.Text;

namespace Jobstats.Slurm.Accounting;

/// <summary>
/// Reads the output of the table's sacct call (<c>-P -n</c>, steps included) as it streams in: each job's row, then
/// its steps' rows (<c>123.batch</c>, <c>123_4.0</c>), whose MaxRSS is the only place the peak memory is kept. A job
/// is handed on once the next job's row (or the end) shows its steps are complete, so a listing of 100,000 jobs is
/// never held whole, as text or as records. A line that cannot be read is skipped and reported, so one odd record
/// does not hide a hundred thousand good ones; the reader itself never throws on its input.
/// </summary>
public sealed class SacctListingReader(Action<ListedJob> onJob)
{
    /// <summary>Reported skipped lines are capped; the count of the rest is still given.</summary>
    public const int MaxSkippedReported = 20;

    /// <summary>A longer line is not sacct's (a summary is far below a MiB); it is skipped, not buffered without end.</summary>
    public const int MaxLineBytes = 4 * 1024 * 1024;

    private static readonly IReadOnlyList<string> Fields = SacctFields.Listing;
    private static readonly int JobIdAt = Index("jobid"), TotalCpuAt = Index("totalcpu"), MaxRssAt = Index("maxrss");

    private readonly ArrayBufferWriter<byte> _partial = new();
    private readonly List<string> _skipped = [];
    private int _skippedCount, _lineNumber;
    private bool _overlong;
    private Pending? _pending;

    public int Jobs { get; private set; }

    public IReadOnlyList<string> Skipped =>
        _skippedCount > MaxSkippedReported ? [.. _skipped, $"{_skippedCount - MaxSkippedReported} more lines skipped"] : _skipped;

    /// <summary>Reads a whole output at once (what a runner without streaming returned).</summary>
    public void Feed(string output)
    {
        Feed(Encoding.UTF8.GetBytes(output));
        Finish();
    }

    public void Feed(ReadOnlySpan<byte> chunk)
    {
        while (!chunk.IsEmpty)
        {
            int newline = chunk.IndexOf((byte)'\n');
            if (newline < 0)
            {
                Keep(chunk);
                return;
            }
            if (_partial.WrittenCount == 0 && !_overlong) Line(chunk[..newline]);
            else
            {
                Keep(chunk[..newline]);
                if (_overlong) Skip($"line {_lineNumber + 1} is longer than {MaxLineBytes / (1024 * 1024)} MiB");
                else Line(_partial.WrittenSpan);
                if (_overlong) _lineNumber++;
                _partial.ResetWrittenCount();
                _overlong = false;
            }
            chunk = chunk[(newline + 1)..];
        }
    }

    /// <summary>The end of the output: a last line without a newline is read, and the last job handed on.</summary>
    public void Finish()
    {
        if (_partial.WrittenCount > 0 && !_overlong) Line(_partial.WrittenSpan);
        _partial.ResetWrittenCount();
        HandOn();
    }

    private void Keep(ReadOnlySpan<byte> bytes)
    {
        if (_overlong) return;
        if (_partial.WrittenCount + bytes.Length > MaxLineBytes) { _overlong = true; _partial.ResetWrittenCount(); return; }
        _partial.Write(bytes);
    }

    private void Line(ReadOnlySpan<byte> line)
    {
        _lineNumber++;
        if (!line.IsEmpty && line[^1] == (byte)'\r') line = line[..^1];
        if (line.IsEmpty) return;
        Span<Range> ranges = stackalloc Range[Fields.Count];
        int count = Split(line, ranges);
        if (count < Fields.Count)
        {
            Skip($"line {_lineNumber} has {count} fields where {Fields.Count} were asked for");
            return;
        }
        ReadOnlySpan<byte> jobId = line[ranges[JobIdAt]];
        int dot = jobId.IndexOf((byte)'.');
        if (dot >= 0)
        {
            // A step: sacct lists it right after its job.
            if (_pending is not null && jobId[..dot].SequenceEqual(_pending.JobIdBytes))
                _pending.AddStep(line[ranges[TotalCpuAt]], line[ranges[MaxRssAt]]);
            else Skip($"line {_lineNumber} is step {TerminalText.Escape(Encoding.UTF8.GetString(jobId))}, which does not follow its job");
            return;
        }
        HandOn();
        // Each field decoded from its own bytes: no copy of the whole line, no split of it.
        var parts = new string[Fields.Count];
        for (int i = 0; i < parts.Length; i++) parts[i] = Encoding.UTF8.GetString(line[ranges[i]]);
        JobRecord record;
        try { record = SacctRowParser.ToRecord(parts, Fields); }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            Skip($"line {_lineNumber} cannot be read: {e.Message}");
            return;
        }
        if (record.JobId.Length == 0 || record.JobIdRaw.Length == 0)
        {
            Skip($"line {_lineNumber} has no job id");
            return;
        }
        _pending = new Pending(record, jobId.ToArray(), SacctValues.Duration(parts[TotalCpuAt]));
    }

    // The first fields.Count - 1 separators; the last range runs to the end of the line (JobName, which may hold '|').
    private static int Split(ReadOnlySpan<byte> line, Span<Range> ranges)
    {
        int count = 0, start = 0;
        while (count < ranges.Length - 1)
        {
            int bar = line[start..].IndexOf((byte)'|');
            if (bar < 0) break;
            ranges[count++] = new Range(start, start + bar);
            start += bar + 1;
        }
        ranges[count++] = new Range(start, line.Length);
        return count;
    }

    private void HandOn()
    {
        if (_pending is null) return;
        Jobs++;
        onJob(_pending.Build());
        _pending = null;
    }

    private void Skip(string why)
    {
        _skippedCount++;
        if (_skippedCount <= MaxSkippedReported) _skipped.Add(why);
    }

    private static int Index(string name)
    {
        for (int i = 0; i < Fields.Count; i++) if (Fields[i] == name) return i;
        throw new ArgumentException($"field {name} is not in the listing");
    }

    private sealed class Pending(JobRecord record, byte[] jobIdBytes, double? jobCpu)
    {
        public byte[] JobIdBytes { get; } = jobIdBytes;
        private double _stepCpu;
        private bool _anyStepCpu;
        private long? _maxRss;

        // TotalCPU and MaxRSS are short ASCII, decoded on the stack: a step row makes no object.
        public void AddStep(ReadOnlySpan<byte> totalCpu, ReadOnlySpan<byte> maxRss)
        {
            Span<char> text = stackalloc char[64];
            if (totalCpu.Length <= text.Length &&
                SacctValues.Duration(text[..Encoding.UTF8.GetChars(totalCpu, text)]) is double cpu) { _stepCpu += cpu; _anyStepCpu = true; }
            if (maxRss.Length <= text.Length &&
                SacctValues.Size(text[..Encoding.UTF8.GetChars(maxRss, text)]) is long rss && rss > (_maxRss ?? -1)) _maxRss = rss;
        }

        // The job row's TotalCPU already sums its steps; the steps' sum stands in only where the job row has none.
        public ListedJob Build() => new(record, new AccountingUsage(
            jobCpu is > 0 ? jobCpu : _anyStepCpu ? _stepCpu : jobCpu,
            _maxRss,
            TresParser.MemoryBytes(record.AllocTres)));
    }
}
