namespace Jobstats.Core.Guard;

/// <summary>What was done to one job: when it was warned and when cancelled (epoch seconds), so neither repeats.</summary>
public sealed record IdleGpuJobState(long? WarnedAt, long? CancelledAt);
