using Jobstats.Core.Config;
using Jobstats.Core.Fleet;
using Jobstats.Core.Model;
using Jobstats.Hosting;
using Jobstats.Prometheus.Api;
using Jobstats.Prometheus.Queries;
using Jobstats.Slurm.Accounting;

namespace Jobstats.Fleet.Cli.Fleet;

/// <summary>The rows of a job table, in sacct's order, and the sacct lines that were skipped.</summary>
internal sealed record JobTableResult(IReadOnlyList<JobRow> Rows, IReadOnlyList<string> Skipped);

/// <summary>
/// Gathers the rows of a job table: one sacct call for every job (with the stored summaries in its AdminComment
/// column), then, when some are running, one SLUID call and one Prometheus query per figure for all of them. Finished
/// jobs without a summary get Slurm's own TotalCPU and MaxRSS figures. A finished job becomes its row as sacct's
/// output streams in, so only rows are kept. The external summary store is not asked: it answers one job per
/// process, which a table of thousands cannot afford.
/// </summary>
internal sealed class JobLister(JobstatsConfig config, SacctClient sacct, PrometheusConnections connections, string? prometheusOverride,
    TimeSpan timeout, Log log)
{
    /// <summary>
    /// Jobs are turned into rows in batches of this many; a listing this short is done on the calling thread alone
    /// (most tables: no thread is started), a longer one decodes its summaries on the thread pool while sacct's output
    /// is still being read. Small batches keep few jobs in flight (read, not yet rows), so fewer of them are alive,
    /// and copied into an older generation, when a collection comes (bench/fleet, 100,000 jobs: 256 rather than 2,048
    /// took the peak from about 82 to 60 MiB, at the same CPU time).
    /// </summary>
    private const int BatchSize = 256;

    public async Task<JobTableResult> ListAsync(JobListQuery query, long now, CancellationToken cancellationToken)
    {
        var done = new List<Task<JobRow?[]>>();
        var running = new List<(int Row, JobRecord Record)>();
        var batch = new List<ListedJob>(BatchSize);
        int listed = 0;
        // Batches in flight are bounded: when decoding falls behind, the reader waits, and sacct with it (its pipe
        // fills), so memory holds a few batches of records, not the whole listing.
        using var slots = new SemaphoreSlim(Environment.ProcessorCount + 1);
        IReadOnlyList<string> skipped = await sacct.ListAsync(query, job =>
        {
            if (job.Record.IsRunning && job.Record.Start is not null) running.Add((listed, job.Record));
            listed++;
            batch.Add(job);
            if (batch.Count < BatchSize) return;
            var full = batch;
            batch = new List<ListedJob>(BatchSize);
            slots.Wait(cancellationToken);
            done.Add(Task.Run(() =>
            {
                try { return Rows(full, now); }
                finally { slots.Release(); }
            }, cancellationToken));
        }, cancellationToken).ConfigureAwait(false);
        foreach (string line in skipped) log.Warning($"skipped a line of sacct's output: {line}");
        log.Debug($"sacct listed {listed} jobs, {running.Count} running");

        var rows = new List<JobRow?>(listed);
        foreach (var rowsOfBatch in await Task.WhenAll(done).ConfigureAwait(false)) rows.AddRange(rowsOfBatch);
        rows.AddRange(Rows(batch, now));
        if (running.Count > 0)
        {
            IReadOnlyDictionary<string, JobUsage> usages = await MeasureAsync([.. running.Select(r => r.Record)], query.Cluster, now,
                cancellationToken).ConfigureAwait(false);
            foreach (var (row, record) in running)
                rows[row] = JobRows.Measured(record, usages.GetValueOrDefault(record.JobIdRaw), now, config);
        }
        return new JobTableResult([.. rows.Select(r => r!)], skipped);
    }

    // A running job's row waits for Prometheus (null until then); every other job's comes from what sacct said.
    private JobRow?[] Rows(List<ListedJob> jobs, long now)
    {
        var rows = new JobRow?[jobs.Count];
        for (int i = 0; i < jobs.Count; i++)
            if (!(jobs[i].Record.IsRunning && jobs[i].Record.Start is not null))
                rows[i] = JobRows.Finished(jobs[i].Record, jobs[i].Accounting, now, config);
        return rows;
    }

    private async Task<IReadOnlyDictionary<string, JobUsage>> MeasureAsync(List<JobRecord> records, string? cluster, long now,
        CancellationToken cancellationToken)
    {
        try
        {
            var sluids = await sacct.SluidsAsync(records, cluster, cancellationToken).ConfigureAwait(false);
            var query = new ManyJobsUsageQuery(config, connections, prometheusOverride, timeout, log.DebugEnabled ? log.Debug : null);
            return await query.ReadAsync(records, sluids, now, cancellationToken).ConfigureAwait(false);
        }
        catch (PrometheusException e)
        {
            log.Warning($"the running jobs could not be measured: {e.Message}");
            return new Dictionary<string, JobUsage>();
        }
    }
}
