using Jobstats.Core.Efficiency;
using Jobstats.Core.Model;
using Jobstats.Core.Summary;

namespace Jobstats.Cli.Reporting;

/// <summary>A job's usage and where it came from, plus what its AdminComment held.</summary>
internal sealed record JobData(JobUsage Usage, UsageSource Source, SummaryReadResult Summary);
