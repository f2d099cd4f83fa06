using Jobstats.Hosting;
using Jobstats.Core.Config;
using Jobstats.Core.Efficiency;
using Jobstats.Core.Formatting;
using Jobstats.Core.Rendering;
using Jobstats.Core.Summary;
using Jobstats.Prometheus.Api;
using Jobstats.Slurm;
using Jobstats.Slurm.Accounting;
using Jobstats.Slurm.JobIds;

namespace Jobstats.Cli.Reporting;

internal sealed record ReportRequest(string JobId, string? Cluster, OutputMode Mode, bool Force, bool Color, bool BatchScript);

/// <summary>
/// Reports one job id from start to finish; every failure becomes an outcome, never an exception. Known failures
/// have their own messages; anything else is still this job's one-line error (the detail goes to the debug log), so
/// one bad record never stops the other ids nor shows the user a stack trace.
/// </summary>
internal sealed class JobReporter(JobstatsConfig config, SacctClient sacct, JobDataSource data, Log log)
{
    public async Task<ReportOutcome> ReportAsync(ReportRequest request, CancellationToken cancellationToken)
    {
        if (!JobIdentifier.TryParse(request.JobId, out JobIdentifier? id, out string? problem)) return ReportOutcome.Failed(problem);
        try
        {
            JobLookupResult lookup = await sacct.LookupAsync(id, request.Cluster, cancellationToken).ConfigureAwait(false);
            if (!lookup.IsFound) return ReportOutcome.Failed(lookup.Message);
            var record = lookup.Record;
            log.Debug($"sacct: {record}");
            long now = Clock.Now();
            JobData jobData = await data.LoadAsync(record, request.Force, now, cancellationToken).ConfigureAwait(false);
            var job = new JobAnalysis(record, jobData.Usage, jobData.Source, now, config);
            return await RenderAsync(request, id, job, jobData, cancellationToken).ConfigureAwait(false);
        }
        catch (SlurmCommandException e) { return ReportOutcome.Failed($"job {id}: {e.Message}"); }
        catch (PrometheusException e) { return ReportOutcome.Failed($"job {id}: {e.Message}"); }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            log.Debug($"job {id}: {e}");
            return ReportOutcome.Failed($"job {id}: unexpected error: {e.GetType().Name}: {e.Message}");
        }
    }

    private async Task<ReportOutcome> RenderAsync(ReportRequest request, JobIdentifier id, JobAnalysis job, JobData jobData,
        CancellationToken cancellationToken)
    {
        var record = job.Record;
        switch (request.Mode)
        {
            case OutputMode.Base64:
                if (job.SampledTooBriefly) return new ReportOutcome(true, "Short\n", null, null);
                if (!job.HasUsage) return new ReportOutcome(true, "None\n", null, null);
                return new ReportOutcome(true, SummaryCodec.EncodePayload(job.Usage, job.RunSeconds, record.Gpus) + "\n", null, null);
            case OutputMode.NodeDictionary:
                return new ReportOutcome(true, NodeDictionaryJson.WritePretty(job.Usage, job.RunSeconds, record.Gpus) + "\n", null, null);
        }

        var messages = new List<string>();
        if (!job.HasUsage)
        {
            bool tooShort = job.SampledTooBriefly || jobData.Summary.Kind == SummaryKind.Short;
            if (!tooShort) return ReportOutcome.Failed(NoDataMessage(id, job, jobData));
            messages.Add($"This job ran for {Units.HumanSeconds(job.RunSeconds)}, less than two sampling periods of " +
                $"{config.SamplingPeriodSeconds} s, so no utilization figures were recorded for it. Slurm's own accounting " +
                "still has its CPU time and peak memory:");
            messages.Add($"$ sacct -j {id} -o jobid,elapsed,totalcpu,maxrss");
        }

        if (request.Mode == OutputMode.Json)
            return new ReportOutcome(true, null, JsonReport.Build(job, config, id.Text, messages.Count == 0 ? [] : [string.Join(" ", messages)]), null);

        string? script = request.BatchScript
            ? await sacct.BatchScriptAsync(id, request.Cluster, cancellationToken).ConfigureAwait(false) ?? "(Slurm kept no batch script for this job.)"
            : null;
        var options = new ReportOptions { Color = request.Color, DisplayJobId = id.Text, TimeZone = TimeZoneInfo.Local, BatchScript = script };
        string text = new ClassicReport(config, options).Render(job, messages.Count == 0 ? null : [messages]);
        return new ReportOutcome(true, text, null, null);
    }

    private string NoDataMessage(JobIdentifier id, JobAnalysis job, JobData jobData)
    {
        if (jobData.Summary.Kind == SummaryKind.NoData)
            return $"No utilization data exists for job {id}: its stored summary records that nothing was collected while it ran.";
        if (jobData.Source == UsageSource.Summary)
            return $"No utilization data was found for job {id}: its stored summary lists no nodes. `jobstats -f {id}` asks " +
                   "Prometheus instead.";
        string url = data.PrometheusUrlFor(job.Record);
        return $"No utilization data was found for job {id}. Prometheus at {url} has no series for job id " +
               $"{job.Record.JobIdRaw} on cluster \"{job.Record.Cluster}\". Possible reasons: the data is older than " +
               "Prometheus keeps it, the exporters were not running on the job's nodes, or the series lack the " +
               "cluster/jobid labels. If the job ran on another cluster, name it with -c.";
    }
}
