namespace Jobstats.Core.Model;

/// <summary>
/// What Slurm's own accounting says a finished job used: its CPU time (TotalCPU, summed over its steps), the largest
/// peak resident memory of any one task (MaxRSS, the maximum over its steps) and the memory it was given (AllocTRES
/// mem). Coarser than a stored summary (MaxRSS is one task's peak, not a node's), so a view that uses it says so.
/// </summary>
public sealed record AccountingUsage(double? CpuSeconds, long? MaxRssBytes, long? AllocatedMemoryBytes);
