using System.Buffers;
using System.Text;
using Jobstats.Core.Model;
using Jobstats.Core.Text;
using Jobstats.Processes;

namespace Jobstats.Slurm.Accounting;

/// <summary>
/// Reads the output of the table's sacct call (<c>-P -n</c>, steps included) as it streams in: each job's row, then
/// its steps' rows (<c>123.batch</c>, <c>123_4.0</c>), whose MaxRSS is the only place the peak memory is kept. A job
/// is handed on once the next job's row (or the end) shows its steps are complete, so a listing of 100,000 jobs is
/// never held whole, as text or as records. A line that cannot be read is skipped and reported, so one odd record
/// does not hide a hundred thousand good ones; the reader itself never throws on its input.
/// </summary>
public sealed class SacctListingReader
{
    /// <summary>Reported skipped lines are capped; the count of the rest is still given.</summary>
    public const int MaxSkippedReported = 20;

    /// <summary>A longer line is not sacct's (a summary is far below a MiB); it is skipped, not buffered without end.</summary>
    public const int MaxLineBytes = 4 * 1024 * 1024;

    private readonly ArrayBufferWriter<byte> _partial = new();
    private readonly List<string> _skipped = [];
    private int _skippedCount, _lineNumber;
    private bool _overlong;
    private Pending? _pending;
    private readonly SacctRowParser _rows;
    private readonly Action<ListedJob> _onJob;

    /// <summary>A reader of the table's listing (<see cref="SacctFields.Listing"/>: steps with TotalCPU and MaxRSS).</summary>
    public SacctListingReader(Action<ListedJob> onJob) : this(SacctFields.Listing, onJob) { }

    /// <summary>
    /// A reader of rows with these fields, JobName last. Without totalcpu and maxrss (a <c>-X</c> listing, which has no
    /// steps), a job's accounting is its AllocTRES memory alone.
    /// </summary>
    public SacctListingReader(IReadOnlyList<string> fields, Action<ListedJob> onJob)
    {
        _rows = new SacctRowParser(fields);
        _onJob = onJob;
    }

    public int Jobs { get; private set; }

    /// <summary>
    /// Runs sacct with <paramref name="request"/> (whose arguments ask for <paramref name="fields"/>) and hands each job
    /// to <paramref name="onJob"/> as the output streams in. Throws <see cref="SlurmCommandException"/> when sacct
    /// fails, times out or prints more than <see cref="SacctClient.MaxListingBytes"/> (<paramref name="tooLarge"/>
    /// says what to do then); returns the lines that were skipped.
    /// </summary>
    public static async Task<IReadOnlyList<string>> RunAsync(IProcessRunner runner, ProcessRequest request, IReadOnlyList<string> fields,
        Action<ListedJob> onJob, string tooLarge, CancellationToken cancellationToken)
    {
        var reader = new SacctListingReader(fields, onJob);
        request = request with { MaxOutputChars = SacctClient.MaxListingBytes, StandardOutputReader = reader.Feed };
        ProcessResult result = await runner.RunAsync(request, cancellationToken).ConfigureAwait(false);
        if (result.Outcome == ProcessOutcome.OutputTooLarge)
            throw new SlurmCommandException($"sacct listed more than {SacctClient.MaxListingBytes / (1024 * 1024)} MiB; {tooLarge}");
        if (result.TimedOut) throw new SlurmCommandException($"sacct did not answer within {request.Timeout.TotalSeconds:0} s");
        if (result.Outcome != ProcessOutcome.Exited) throw new SlurmCommandException(result.Failure);
        if (result.ExitCode != 0) throw new SlurmCommandException($"sacct failed (exit {result.ExitCode}): {result.FirstErrorLine}");
        // A runner that does not stream (a test's fake) returns the output whole.
        if (result.StandardOutput.Length > 0) reader.Feed(result.StandardOutput);
        else reader.Finish();
        return reader.Skipped;
    }

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
        Span<Range> ranges = stackalloc Range[_rows.FieldCount];
        int count = _rows.Split(line, ranges);
        if (count < _rows.FieldCount)
        {
            Skip($"line {_lineNumber} has {count} fields where {_rows.FieldCount} were asked for");
            return;
        }
        ReadOnlySpan<byte> jobId = line[ranges[_rows.JobIdAt]];
        ReadOnlySpan<byte> totalCpu = _rows.TotalCpuAt >= 0 ? line[ranges[_rows.TotalCpuAt]] : default;
        int dot = jobId.IndexOf((byte)'.');
        if (dot >= 0)
        {
            // A step: sacct lists it right after its job.
            if (_pending is not null && jobId[..dot].SequenceEqual(_pending.JobIdBytes))
                _pending.AddStep(totalCpu, _rows.MaxRssAt >= 0 ? line[ranges[_rows.MaxRssAt]] : default);
            else Skip($"line {_lineNumber} is step {TerminalText.Escape(Encoding.UTF8.GetString(jobId))}, which does not follow its job");
            return;
        }
        HandOn();
        JobRecord record = _rows.Build(line, ranges);
        if (record.JobId.Length == 0 || record.JobIdRaw.Length == 0)
        {
            Skip($"line {_lineNumber} has no job id");
            return;
        }
        _pending = new Pending(record, jobId.ToArray(), Duration(totalCpu), _rows.AllocatedMemoryBytes(record));
    }

    private void HandOn()
    {
        if (_pending is null) return;
        Jobs++;
        _onJob(_pending.Build());
        _pending = null;
    }

    private void Skip(string why)
    {
        _skippedCount++;
        if (_skippedCount <= MaxSkippedReported) _skipped.Add(why);
    }

    // TotalCPU and MaxRSS are short ASCII, decoded on the stack: a step row makes no object.
    private static double? Duration(ReadOnlySpan<byte> bytes)
    {
        Span<char> text = stackalloc char[64];
        return bytes.Length <= text.Length ? SacctValues.Duration(text[..Encoding.UTF8.GetChars(bytes, text)]) : null;
    }

    private static long? Size(ReadOnlySpan<byte> bytes)
    {
        Span<char> text = stackalloc char[64];
        return bytes.Length <= text.Length ? SacctValues.Size(text[..Encoding.UTF8.GetChars(bytes, text)]) : null;
    }

    private sealed class Pending(JobRecord record, byte[] jobIdBytes, double? jobCpu, long? allocatedMemory)
    {
        public byte[] JobIdBytes { get; } = jobIdBytes;
        private double _stepCpu;
        private bool _anyStepCpu;
        private long? _maxRss;

        public void AddStep(ReadOnlySpan<byte> totalCpu, ReadOnlySpan<byte> maxRss)
        {
            if (Duration(totalCpu) is double cpu) { _stepCpu += cpu; _anyStepCpu = true; }
            if (Size(maxRss) is long rss && rss > (_maxRss ?? -1)) _maxRss = rss;
        }

        // The job row's TotalCPU already sums its steps; the steps' sum stands in only where the job row has none.
        public ListedJob Build() => new(record, new AccountingUsage(
            jobCpu is > 0 ? jobCpu : _anyStepCpu ? _stepCpu : jobCpu,
            _maxRss,
            allocatedMemory));
    }
}
