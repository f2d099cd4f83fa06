using Jobstats.Core.Config;
using Jobstats.Core.Efficiency;
using Jobstats.Core.Formatting;
using Jobstats.Core.Model;
using Jobstats.Core.Summary;

namespace Jobstats.Core.Fleet;

/// <summary>
/// Turns a job's record and whatever is known of its use into a table row: a stored summary or Prometheus usage goes
/// through <see cref="JobAnalysis"/>, so the table shows the report's own figures; Slurm's accounting stands in where
/// neither exists.
/// </summary>
public static class JobRows
{
    /// <summary>A finished (or pending) job: its stored summary if readable, else Slurm's accounting figures.</summary>
    public static JobRow Finished(JobRecord record, AccountingUsage accounting, long now, JobstatsConfig config)
    {
        SummaryReadResult summary = SummaryCodec.Read(record.AdminComment);
        if (summary.Kind == SummaryKind.Usage && summary.Usage is { IsEmpty: false } usage)
            return FromUsage(record, usage, UsageSource.Summary, now, config);
        return FromAccounting(record, accounting, now);
    }

    /// <summary>A job measured through Prometheus (running): its figures so far; none when Prometheus had no series.</summary>
    public static JobRow Measured(JobRecord record, JobUsage? usage, long now, JobstatsConfig config) =>
        usage is { IsEmpty: false }
            ? FromUsage(record, usage, UsageSource.Prometheus, now, config)
            : Row(record, now, null, null, null, null, RowSource.None);

    private static JobRow FromUsage(JobRecord record, JobUsage usage, UsageSource source, long now, JobstatsConfig config)
    {
        var job = new JobAnalysis(record, usage, source, now, config);
        return Row(record, now,
            job.Cpu.Error == UsageError.None ? job.CpuEfficiencyPercent : null,
            job.Memory.Error == UsageError.None ? job.MemoryPercent : null,
            job.Gpu is { Error: UsageError.None } ? job.GpuPercent : null,
            job.GpuMemory is { Error: UsageError.None } ? job.GpuMemoryPercent : null,
            source == UsageSource.Summary ? RowSource.Summary : RowSource.Prometheus);
    }

    /// <summary>
    /// CPU: TotalCPU over elapsed × cores. Memory: the largest task's peak (MaxRSS) over one node's share of the
    /// allocated memory: exact for one task per node, an underestimate where several tasks share a node.
    /// </summary>
    private static JobRow FromAccounting(JobRecord record, AccountingUsage accounting, long now)
    {
        long elapsed = Elapsed(record, now);
        double? cpu = accounting.CpuSeconds is double seconds && elapsed > 0 && record.Cores > 0
            ? PythonNumbers.Round(100 * seconds / ((double)elapsed * record.Cores), 1) : null;
        long? memory = accounting.MaxRssBytes is long rss && accounting.AllocatedMemoryBytes is long allocated && allocated > 0
            ? PythonNumbers.RoundToInteger(100.0 * rss / ((double)allocated / Math.Max(1, record.Nodes))) : null;
        bool known = !record.IsRunning && record.Start is not null && (cpu is not null || memory is not null);
        return Row(record, now, known ? cpu : null, known ? memory : null, null, null, known ? RowSource.Accounting : RowSource.None);
    }

    private static JobRow Row(JobRecord r, long now, double? cpu, long? memory, long? gpu, long? gpuMemory, RowSource source)
    {
        long elapsed = Elapsed(r, now);
        long? time = r.Start is not null && r.TimeLimitMinutes is > 0 and long limit
            ? PythonNumbers.RoundToInteger(100.0 * elapsed / (60.0 * limit)) : null;
        return new JobRow(r.JobId, r.JobIdRaw, r.Cluster, r.User, r.Account, r.Partition, r.State, elapsed, r.IsRunning, r.Gpus,
            time, cpu, memory, gpu, gpuMemory, source) { Started = r.Start is not null };
    }

    private static long Elapsed(JobRecord r, long now) => r.Start is long start ? Math.Max(0, (r.End ?? now) - start) : 0;
}
