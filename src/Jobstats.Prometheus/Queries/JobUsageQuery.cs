using Jobstats.Core.Config;
using Jobstats.Core.Model;
using Jobstats.Prometheus.Api;

namespace Jobstats.Prometheus.Queries;

/// <summary>
/// A job's per-node usage from Prometheus: its queries built, run under one deadline, folded into the node
/// dictionary. One place for the report, <c>jobstats store</c> and the summary service. The HTTP client is asked for
/// only when a query is made, so a report read from a stored summary never builds one.
/// </summary>
public sealed class JobUsageQuery(JobstatsConfig config, Func<HttpClient> http, string? prometheusOverride, TimeSpan timeout,
    Action<string>? debug = null)
{
    /// <summary>
    /// Shared by every query this object makes, to bound those in flight to one Prometheus. With a gate, the time limit
    /// applies to each query from the moment it is let through, not to the job's queries as a whole.
    /// </summary>
    public QueryGate? Gate { get; init; }

    public string UrlFor(JobRecord record) => prometheusOverride ?? config.PrometheusUrlFor(record.Cluster);

    /// <param name="sluid">Slurm 26's id of the job, which labels its cgroup v2 series; null before 26.</param>
    public Task<JobUsage> ReadAsync(JobRecord record, string? sluid, long now, CancellationToken cancellationToken)
    {
        long start = record.Start ?? now;
        long end = record.End ?? now;
        var queries = JobQueryBuilder.Build(config, record.Cluster, record.JobIdRaw, sluid, Math.Max(0, end - start), record.Gpus);
        var client = new PrometheusClient(http(), UrlFor(record), config.MaxResponseMiB * 1024L * 1024)
        {
            Gate = Gate,
            RequestTimeout = Gate is null ? null : timeout,
        };
        var collector = new UsageCollector(client, config, debug);
        return collector.CollectAsync(queries, end, Gate is null ? timeout : Timeout.InfiniteTimeSpan, cancellationToken);
    }
}
