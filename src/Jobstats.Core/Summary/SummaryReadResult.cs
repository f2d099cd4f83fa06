using Jobstats.Core.Model;

namespace Jobstats.Core.Summary;

public sealed record SummaryReadResult(SummaryKind Kind, JobUsage? Usage = null, long? TotalTime = null, int? Gpus = null,
    string? Problem = null);
