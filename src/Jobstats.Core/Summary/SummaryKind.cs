namespace Jobstats.Core.Summary;

/// <summary>What an AdminComment turned out to hold.</summary>
public enum SummaryKind
{
    /// <summary>Empty: no summary was stored.</summary>
    Absent,
    /// <summary>Something that is not a jobstats summary (a site's own comment).</summary>
    Foreign,
    /// <summary>The job was too short to be sampled (<c>JS1:Short</c>).</summary>
    Short,
    /// <summary>Nothing was recorded for the job (<c>JS1:None</c>).</summary>
    NoData,
    /// <summary>A decoded node dictionary.</summary>
    Usage,
    /// <summary>Looks like a summary but cannot be decoded; <see cref="SummaryReadResult.Problem"/> says why.</summary>
    Damaged,
}
