using Jobstats.Hosting;
using Jobstats.Core.Config;
using Jobstats.Core.Efficiency;
using Jobstats.Core.Model;
using Jobstats.Core.Summary;
using Jobstats.Prometheus.Api;
using Jobstats.Prometheus.Queries;
using Jobstats.Slurm.Accounting;

namespace Jobstats.Cli.Reporting;

/// <summary>
/// Decides where a job's figures come from: the stored summary when there is one (unless forced): in AdminComment,
/// else, for a finished job where summaries.store names the external store, there; else Prometheus.
/// The HTTP client comes from <paramref name="connections"/> only when Prometheus is asked: a report from a stored summary
/// never pays for building one.
/// </summary>
internal sealed class JobDataSource(JobstatsConfig config, SacctClient sacct, PrometheusConnections connections, string? prometheusOverride,
    TimeSpan timeout, Log log, ExternalSummaryReader? externalStore = null)
{
    public async Task<JobData> LoadAsync(JobRecord record, bool force, long now, CancellationToken cancellationToken)
    {
        SummaryReadResult summary = SummaryCodec.Read(record.AdminComment);
        if (!force && summary.Kind == SummaryKind.Absent && record.End is not null && externalStore is not null &&
            config.Summaries.Store != SummaryStoreMode.AdminComment &&
            await externalStore.ReadAsync(record, cancellationToken).ConfigureAwait(false) is { } stored)
        {
            log.Debug($"job {record.JobId}: AdminComment is empty; the external summary store holds {stored.Length} characters");
            summary = SummaryCodec.Read(stored);
        }
        if (!force)
        {
            switch (summary.Kind)
            {
                case SummaryKind.Usage:
                    log.Debug($"job {record.JobId}: using the summary stored in AdminComment");
                    return new JobData(summary.Usage!, UsageSource.Summary, summary);
                case SummaryKind.Short or SummaryKind.NoData:
                    log.Debug($"job {record.JobId}: AdminComment says {summary.Kind}");
                    return new JobData(new JobUsage(), UsageSource.None, summary);
                case SummaryKind.Damaged:
                    log.Warning($"the summary in the AdminComment of job {record.JobId} cannot be read ({summary.Problem}); asking Prometheus instead");
                    break;
            }
        }
        JobUsage usage = await QueryPrometheusAsync(record, now, cancellationToken).ConfigureAwait(false);
        return new JobData(usage, usage.IsEmpty ? UsageSource.None : UsageSource.Prometheus, summary);
    }

    private readonly JobUsageQuery _prometheus = new(config, connections, prometheusOverride, timeout, log.DebugEnabled ? log.Debug : null);

    public string PrometheusUrlFor(JobRecord record) => _prometheus.UrlFor(record);

    public async Task<JobUsage> QueryPrometheusAsync(JobRecord record, long now, CancellationToken cancellationToken)
    {
        string? sluid = await sacct.SluidAsync(record, cancellationToken).ConfigureAwait(false);
        return await _prometheus.ReadAsync(record, sluid, now, cancellationToken).ConfigureAwait(false);
    }
}
