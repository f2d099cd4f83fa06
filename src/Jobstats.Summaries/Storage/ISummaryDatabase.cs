namespace Jobstats.Summaries.Storage;

/// <summary>
/// The external summary store, in upstream's MariaDB/MySQL schema (<c>job_summary</c>, <c>job_nodes</c>,
/// <c>job_gpu_metrics</c>), keyed by (cluster, raw job id). A failure throws <see cref="SummaryDatabaseException"/>
/// with a one-line cause; nothing is half written (one transaction per call).
/// </summary>
public interface ISummaryDatabase
{
    /// <summary>Writes (or replaces) the summaries, all in one transaction.</summary>
    Task WriteAsync(IReadOnlyList<SummaryRecord> summaries, CancellationToken cancellationToken);

    /// <summary>The stored <c>JS1:</c> value of one job, or null when the store has none.</summary>
    Task<string?> ReadAsync(string cluster, long jobIdRaw, CancellationToken cancellationToken);

    /// <summary>Which of <paramref name="jobIdsRaw"/> already have a summary (for backfill), in one round trip per thousand ids.</summary>
    Task<IReadOnlySet<long>> WithSummaryAsync(string cluster, IReadOnlyCollection<long> jobIdsRaw, CancellationToken cancellationToken);
}

/// <summary>The external store could not be reached or refused a statement; the message is one line, without secrets.</summary>
public sealed class SummaryDatabaseException(string message, Exception? inner = null) : Exception(message, inner);
