using Jobstats.Hosting;
using Jobstats.Core.Config;
using Jobstats.Core.Efficiency;
using Jobstats.Core.Summary;
using Jobstats.Prometheus.Api;
using Jobstats.Slurm;
using Jobstats.Slurm.Accounting;
using Jobstats.Slurm.AdminComments;
using Jobstats.Slurm.JobIds;

namespace Jobstats.Cli.Reporting;

internal sealed record StoreRequest(string JobId, string? Cluster, bool Overwrite, bool DryRun);

/// <summary>
/// <c>jobstats store</c>: computes a finished job's summary from Prometheus and writes it into AdminComment. Slurm
/// releases whose sacctmgr lower-cases the comment (22.05 and older) get the case-safe form, chosen by sacctmgr's
/// version so that no moment holds a destroyed summary, and confirmed by reading the comment back.
/// </summary>
internal sealed class SummaryStorer(JobstatsConfig config, SacctClient sacct, AdminCommentStore store, JobDataSource data, Log log,
    TextWriter stdout)
{
    /// <summary>
    /// Whether this Slurm's sacctmgr lower-cases AdminComment, by its version, so that the first write already has the
    /// form that survives; reading the comment back still catches a release that does it unannounced.
    /// </summary>
    private async Task<bool> LowerCasingSlurmAsync(CancellationToken cancellationToken)
    {
        SlurmVersion? version = await store.SacctmgrVersionAsync(cancellationToken).ConfigureAwait(false);
        log.Debug($"sacctmgr version {version?.ToString() ?? "unknown"}");
        return version?.LowerCasesAdminComment == true;
    }

    public async Task<int> StoreAsync(StoreRequest request, CancellationToken cancellationToken)
    {
        if (!JobIdentifier.TryParse(request.JobId, out JobIdentifier? id, out string? problem))
        {
            log.Error(problem);
            return 1;
        }
        try
        {
            JobLookupResult lookup = await sacct.LookupAsync(id, request.Cluster, JobIdMeaning.SlurmJobId, cancellationToken).ConfigureAwait(false);
            if (lookup.Outcome is JobLookupOutcome.Pending or JobLookupOutcome.NeverStarted)
            {
                log.Info($"job {id}: nothing to store: {lookup.Message}");
                return 0;
            }
            if (!lookup.IsFound)
            {
                log.Error(lookup.Message);
                return 1;
            }
            var record = lookup.Record;
            SummaryReadResult existing = SummaryCodec.Read(record.AdminComment);
            if (existing.Kind == SummaryKind.Foreign && !request.Overwrite)
            {
                log.Error($"job {id}: its AdminComment holds something that is not a jobstats summary; leaving it alone " +
                          "(use --overwrite to replace it)");
                return 1;
            }

            long now = Clock.Now();
            var job = new JobAnalysis(record, new Core.Model.JobUsage(), UsageSource.None, now, config);
            string value;
            bool caseSafe = await LowerCasingSlurmAsync(cancellationToken).ConfigureAwait(false);
            if (job.SampledTooBriefly) value = SummaryCodec.ShortValue(caseSafe);
            else
            {
                var usage = await data.QueryPrometheusAsync(record, now, cancellationToken).ConfigureAwait(false);
                value = usage.IsEmpty ? SummaryCodec.NoneValue(caseSafe) : SummaryCodec.Encode(usage, job.RunSeconds, record.Gpus, caseSafe);
            }

            string selector = AdminCommentStore.Selector(record.JobId, record.JobIdRaw);
            if (request.DryRun)
            {
                stdout.WriteLine(value);
                log.Info($"job {selector}: dry run, would store {value.Length} characters");
                return 0;
            }
            await store.WriteAsync(selector, value, cancellationToken).ConfigureAwait(false);
            string? readBack = await store.ReadAsync(selector, cancellationToken).ConfigureAwait(false);
            if (readBack is not null && readBack != value && !caseSafe && readBack == value.ToLowerInvariant())
            {
                log.Info($"job {selector}: sacctmgr lower-cased the summary; storing the case-safe form instead");
                value = SummaryCodec.ToCaseSafe(value);
                await store.WriteAsync(selector, value, cancellationToken).ConfigureAwait(false);
                readBack = await store.ReadAsync(selector, cancellationToken).ConfigureAwait(false);
            }
            if (readBack is null) log.Info($"job {selector}: stored a {value.Length}-character summary (could not read it back to check)");
            else if (readBack != value)
            {
                log.Error($"job {selector}: the AdminComment read back differs from what was written");
                return 1;
            }
            else log.Info($"job {selector}: stored a {value.Length}-character summary in AdminComment");
            return 0;
        }
        catch (SlurmCommandException e) { log.Error($"job {id}: {e.Message}"); return 1; }
        catch (PrometheusException e) { log.Error($"job {id}: {e.Message}"); return 1; }
        catch (OperationCanceledException) { log.Error($"job {id}: gave up: the time limit for storing was reached"); return 1; }
        catch (Exception e)
        {
            // The epilog's log line is all an admin sees: one line with the cause, the trace only with -d.
            log.Debug($"job {id}: {e}");
            log.Error($"job {id}: unexpected error: {e.GetType().Name}: {e.Message}");
            return 1;
        }
    }
}
