using System.Diagnostics.CodeAnalysis;
using Jobstats.Core.Model;

namespace Jobstats.Slurm.Accounting;

public enum JobLookupOutcome { Found, NotFound, Pending, NeverStarted, SeveralJobs }

/// <summary>What sacct said about a job id; <see cref="Message"/> explains every outcome but Found.</summary>
public sealed record JobLookupResult(JobLookupOutcome Outcome, JobRecord? Record, IReadOnlyList<string> JobIds, string? Message)
{
    public static JobLookupResult Found(JobRecord record) => new(JobLookupOutcome.Found, record, [record.JobId], null);

    /// <summary>Found: the record is there; otherwise the message says why not.</summary>
    [MemberNotNullWhen(true, nameof(Record))]
    [MemberNotNullWhen(false, nameof(Message))]
    public bool IsFound => Outcome == JobLookupOutcome.Found;
}
