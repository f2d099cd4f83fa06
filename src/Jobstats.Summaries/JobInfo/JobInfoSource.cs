using Jobstats.Slurm;
using Jobstats.Slurm.Queue;
using Jobstats.Summaries.Service;

namespace Jobstats.Summaries.JobInfo;

/// <summary>
/// Keeps the list of running jobs with their user, account and partition, for the <c>jobstats_job_info</c> series
/// that lets dashboards group the node exporters' per-job figures by owner: one squeue process per interval, however
/// often Prometheus scrapes. A failed squeue keeps the last good list for <see cref="KeepFor"/> (one slow answer from a
/// busy slurmctld must not blank every dashboard), then drops it, since owners of jobs long ended would be wrong.
/// </summary>
public sealed class JobInfoSource(SqueueClient squeue, TimeSpan interval, IServiceLog log, Func<long> clock)
{
    private JobInfoSnapshot _snapshot = JobInfoSnapshot.Empty;

    /// <summary>The last good list is shown this long after it was read: five intervals, at least five minutes.</summary>
    public TimeSpan KeepFor { get; } = TimeSpan.FromSeconds(Math.Max(300, 5 * interval.TotalSeconds));

    /// <summary>What a scrape shows now.</summary>
    public JobInfoSnapshot Current
    {
        get
        {
            var snapshot = Volatile.Read(ref _snapshot);
            return snapshot.Jobs.Count > 0 && clock() - snapshot.LastSuccessAt > KeepFor.TotalSeconds ? snapshot with { Jobs = [] } : snapshot;
        }
    }

    /// <summary>Asks squeue once; a failure is logged when it starts and when it ends, not at every interval.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var before = Volatile.Read(ref _snapshot);
        try
        {
            var listing = await squeue.RunningAsync(cancellationToken).ConfigureAwait(false);
            if (listing.RefusedLines > 0)
                log.Warning($"squeue: {listing.RefusedLines} lines refused, those jobs have no owner in jobstats_job_info: " +
                            string.Join("; ", listing.Refused));
            if (before.Failing) log.Info($"squeue answers again: {listing.Jobs.Count} running jobs");
            Volatile.Write(ref _snapshot, before with { Jobs = listing.Jobs, LastSuccessAt = clock(), Failing = false, RefusedLines = listing.RefusedLines });
        }
        catch (SlurmCommandException e)
        {
            if (!before.Failing)
                log.Warning($"squeue failed, jobstats_job_info keeps the last list for at most {KeepFor.TotalMinutes:0} min: {e.Message}");
            Volatile.Write(ref _snapshot, before with { Failing = true, Failures = before.Failures + 1 });
        }
    }

    /// <summary>Refreshes every interval until stopped.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await RefreshAsync(cancellationToken).ConfigureAwait(false);
                await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) { return; }
        }
    }
}
