using Jobstats.Core.Config;
using Jobstats.Core.Model;
using Jobstats.Core.Summary;
using Jobstats.Slurm.Accounting;
using Jobstats.Summaries.Queue;
using Jobstats.Summaries.Storage;

namespace Jobstats.Summaries.Service;

/// <summary>
/// Finds jobs that ended in a recent window without a summary (one sacct query; with the external store, one more
/// round trip per thousand jobs) and queues those Prometheus still holds. It catches what the epilog never queued:
/// jobs that ended while the controller was down, before jobstats was installed, or whose epilog failed.
/// </summary>
public sealed class Backfiller(JobstatsConfig config, SacctClient sacct, ISummaryDatabase? database, SpoolQueue queue)
{
    /// <summary>The jobs queued, or (with <paramref name="dryRun"/>) that would be.</summary>
    public async Task<IReadOnlyList<JobRecord>> RunAsync(long windowSeconds, string? cluster, long now, bool dryRun, CancellationToken cancellationToken)
    {
        var settings = config.Summaries;
        long oldestUsable = now - (long)(settings.PrometheusRetentionDays * 86400);
        IReadOnlyList<JobRecord> rows = await sacct.EndedWithinAsync(windowSeconds, cluster, cancellationToken).ConfigureAwait(false);
        var candidates = rows
            .Where(r => r.Start is not null && r.End is { } end && end >= oldestUsable && r.State != "PENDING")
            .Where(r => QueueEntry.IsValidJobIdRaw(r.JobIdRaw) && QueueEntry.IsValidCluster(r.Cluster))
            .Where(r => SummaryCodec.Read(r.AdminComment).Kind is SummaryKind.Absent or SummaryKind.Damaged ||
                        settings.Store != SummaryStoreMode.AdminComment)
            .GroupBy(r => r.JobIdRaw, StringComparer.Ordinal).Select(g => g.First())
            .ToList();
        if (settings.Store != SummaryStoreMode.AdminComment && database is not null)
        {
            var missing = new List<JobRecord>();
            foreach (var group in candidates.GroupBy(r => r.Cluster, StringComparer.Ordinal))
            {
                var ids = group.Select(r => long.Parse(r.JobIdRaw, System.Globalization.CultureInfo.InvariantCulture)).ToList();
                var stored = await database.WithSummaryAsync(group.Key, ids, cancellationToken).ConfigureAwait(false);
                missing.AddRange(group.Where(r => !stored.Contains(long.Parse(r.JobIdRaw, System.Globalization.CultureInfo.InvariantCulture))));
            }
            candidates = missing;
        }
        if (dryRun) return candidates;
        var queued = new List<JobRecord>();
        foreach (var record in candidates)
            if (queue.Enqueue(record.JobIdRaw, record.Cluster, now)) queued.Add(record);
        return queued;
    }
}
