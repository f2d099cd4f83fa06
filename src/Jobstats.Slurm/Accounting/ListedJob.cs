using Jobstats.Core.Model;

namespace Jobstats.Slurm.Accounting;

/// <summary>One job of a listing: its record and what Slurm's accounting says it used.</summary>
public sealed record ListedJob(JobRecord Record, AccountingUsage Accounting);
