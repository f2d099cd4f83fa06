using Jobstats.Core.Config;
using Jobstats.Core.Model;
using Jobstats.Prometheus.Api;

namespace Jobstats.Prometheus.Queries;

/// <summary>
/// The usage of many running jobs so far, for the job table: per cluster, one query per figure for all of its jobs
/// (<see cref="JobQueryBuilder.BuildForMany"/>), the answers told apart by their <c>jobid</c> label. A thousand running
/// jobs cost seven queries, not seven thousand.
/// </summary>
public sealed class ManyJobsUsageQuery(JobstatsConfig config, PrometheusConnections connections, string? prometheusOverride, TimeSpan timeout,
    Action<string>? debug = null)
{
    /// <param name="sluids">Slurm 26's ids of the jobs by raw id (they label cgroup v2 series); null before 26.</param>
    /// <returns>The usage of each job that has series, by JobIDRaw.</returns>
    public async Task<IReadOnlyDictionary<string, JobUsage>> ReadAsync(IReadOnlyList<JobRecord> jobs,
        IReadOnlyDictionary<string, string>? sluids, long now, CancellationToken cancellationToken)
    {
        var usages = new Dictionary<string, JobUsage>(StringComparer.Ordinal);
        foreach (var cluster in jobs.GroupBy(j => j.Cluster, StringComparer.Ordinal))
        {
            // The label value a series carries → the raw id of its job. Ids that are not plain words cannot go into the
            // matcher as themselves; sacct gives none such, and a job with one is simply not measured.
            var owner = new Dictionary<string, string>(StringComparer.Ordinal);
            long longest = 0;
            bool gpus = false;
            foreach (JobRecord job in cluster)
            {
                if (!JobQueryBuilder.IsRegexSafeId(job.JobIdRaw)) continue;
                owner[job.JobIdRaw] = job.JobIdRaw;
                if (sluids is not null && sluids.TryGetValue(job.JobIdRaw, out string? sluid) && JobQueryBuilder.IsRegexSafeId(sluid))
                    owner[sluid] = job.JobIdRaw;
                longest = Math.Max(longest, now - (job.Start ?? now));
                gpus |= job.Gpus > 0;
            }
            if (owner.Count == 0) continue;
            var queries = JobQueryBuilder.BuildForMany(config, cluster.Key, owner.Keys, longest, gpus);
            var client = connections.Open(config, config.PrometheusFor(cluster.Key, prometheusOverride));
            var collector = new UsageCollector(client, config, debug);
            await collector.CollectAsync(queries, now, timeout, series =>
            {
                if (!owner.TryGetValue(series.Label(config.Labels.JobId), out string? raw)) return null;
                if (!usages.TryGetValue(raw, out JobUsage? usage)) usages[raw] = usage = new JobUsage();
                return usage;
            }, cancellationToken).ConfigureAwait(false);
        }
        return usages;
    }
}
