using Jobstats.Core.Config;
using Jobstats.Core.Model;
using Jobstats.Prometheus.Api;

namespace Jobstats.Prometheus.Queries;

/// <summary>
/// A job's per-node usage from Prometheus: its queries built, run under one deadline, folded into the node
/// dictionary. One place for the report, <c>jobstats store</c> and the summary service. The HTTP client and the
/// credentials are asked for only when a query is made, so a report read from a stored summary never builds one.
/// </summary>
public sealed class JobUsageQuery(JobstatsConfig config, PrometheusConnections connections, string? prometheusOverride, TimeSpan timeout,
    Action<string>? debug = null)
{
    /// <summary>
    /// Shared by every query this object makes, to bound those in flight to one Prometheus. With a gate, the time limit
    /// applies to each query from the moment it is let through, not to the job's queries as a whole.
    /// </summary>
    public QueryGate? Gate { get; init; }

    public string UrlFor(JobRecord record) => AccessFor(record).Url;

    /// <summary>The cluster's store; a URL given on the command line replaces its URL and keeps its credentials.</summary>
    public PrometheusAccess AccessFor(JobRecord record) => config.PrometheusFor(record.Cluster, prometheusOverride);

    /// <param name="sluid">Slurm 26's id of the job, which labels its cgroup v2 series; null before 26.</param>
    public Task<JobUsage> ReadAsync(JobRecord record, string? sluid, long now, CancellationToken cancellationToken)
    {
        long start = record.Start ?? now;
        long end = record.End ?? now;
        var queries = JobQueryBuilder.Build(config, record.Cluster, record.JobIdRaw, sluid, Math.Max(0, end - start), record.Gpus);
        var access = AccessFor(record);
        // Where the sampling period is the evaluation interval (as jobstatsctl deploys), both stores agree.
        var client = connections.Open(config, access, Gate, Gate is null ? null : timeout);
        var collector = new UsageCollector(client, config, debug);
        return collector.CollectAsync(queries, end, Gate is null ? timeout : Timeout.InfiniteTimeSpan, cancellationToken);
    }
}
