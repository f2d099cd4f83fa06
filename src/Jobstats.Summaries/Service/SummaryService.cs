using System.Diagnostics;
using Jobstats.Core.Config;
using Jobstats.Summaries.Queue;

namespace Jobstats.Summaries.Service;

/// <summary>
/// The loop on the controller: takes due entries from the queue in batches, hands them to the
/// <see cref="BatchProcessor"/>, removes what was stored and records every failure in its entry for a later retry;
/// runs a backfill now and then. Stopped at any moment it loses nothing: an entry leaves the queue only after its
/// summary was read back from where it was stored, and every write it makes is atomic.
/// </summary>
public sealed class SummaryService(JobstatsConfig config, SpoolQueue queue, BatchProcessor processor, Backfiller backfiller,
    ServiceHealth health, IServiceLog log, Func<long> clock)
{
    /// <summary>How long the loop rests when the queue has nothing due; an entry written meanwhile waits at most this.</summary>
    public TimeSpan IdleDelay { get; init; } = TimeSpan.FromSeconds(1);

    private SummarySettings Settings => config.Summaries;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        queue.EnsureLayout();
        int stale = queue.RemoveStaleTemporaryFiles(TimeSpan.FromMinutes(1));
        if (stale > 0) log.Info($"removed {stale} temporary files left by writers that stopped mid-write");
        // The first backfill a minute after start: a restarted controller catches up on what ended while it was down.
        long nextBackfill = Settings.BackfillIntervalMinutes > 0 ? clock() + 60 : long.MaxValue;
        while (!cancellationToken.IsCancellationRequested)
        {
            int handled;
            try { handled = await RoundAsync(cancellationToken).ConfigureAwait(false); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The spool itself failed (disk full, permissions): the entries are still on disk; wait and try again.
                log.Error($"the queue in {queue.Root} cannot be updated: {e.Message}");
                handled = 0;
            }
            if (clock() >= nextBackfill)
            {
                await BackfillAsync(cancellationToken).ConfigureAwait(false);
                nextBackfill = clock() + (long)(Settings.BackfillIntervalMinutes * 60);
            }
            // A full batch means more may be due at once; otherwise rest.
            if (handled < Settings.BatchSize)
            {
                try { await Task.Delay(IdleDelay, cancellationToken).ConfigureAwait(false); }
                catch (OperationCanceledException) { break; }
            }
        }
    }

    /// <summary>One pass over the due entries (at most a batch); the answer is how many were handled.</summary>
    public async Task<int> RoundAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        long now = clock();
        QueueSnapshot snapshot = queue.Read();
        foreach (string bad in snapshot.Quarantined) log.Error($"queue entry moved to {queue.BadDirectory}: {bad}");
        var due = snapshot.Entries.Where(e => e.NextAttemptAt <= now).Take(Settings.BatchSize).ToList();
        if (due.Count > 0)
        {
            IReadOnlyList<EntryResult> results;
            try { results = await processor.ProcessAsync(due, now, cancellationToken).ConfigureAwait(false); }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { return 0; }
            catch (Exception e)
            {
                // A bug must not spin the loop nor drop the batch: every entry waits for a later attempt.
                log.Error($"unexpected error in a round of {due.Count} jobs: {e.GetType().Name}: {e.Message}");
                log.Debug(e.ToString());
                results = [.. due.Select(entry => new EntryResult(entry, EntryFate.Retry, e.Message, FailureCause.Other))];
            }
            foreach (var result in results) Apply(result, now);
        }
        health.QueueSeen(queue.Read(), clock());
        health.RoundDone(clock(), watch.Elapsed.TotalSeconds);
        WriteStatus();
        return due.Count;
    }

    private void Apply(EntryResult result, long now)
    {
        health.Count(result);
        var entry = result.Entry;
        switch (result.Fate)
        {
            case EntryFate.Stored:
                log.Info($"job {entry.JobIdRaw}: {result.Message}");
                queue.Remove(entry);
                break;
            case EntryFate.NothingToDo:
                log.Info($"job {entry.JobIdRaw}: nothing to store: {result.Message}");
                queue.Remove(entry);
                break;
            case EntryFate.GaveUp:
                log.Error($"job {entry.JobIdRaw}: gave up after {entry.Attempts + 1} attempts: {result.Message}");
                queue.Remove(entry);
                break;
            default:
                var next = entry.Failed(result.Cause, result.Message, RetryPolicy.NextAttemptAt(entry, result.Cause, now));
                // Waiting for slurmdbd is routine: only an outage is worth a line per attempt.
                if (result.Cause == FailureCause.NotRecorded) log.Debug($"job {entry.JobIdRaw}: {result.Message}; trying again later");
                else log.Warning($"job {entry.JobIdRaw}: {result.Message} ({result.Cause.Name()}, attempt {next.Attempts}); trying again later");
                queue.Update(next);
                break;
        }
    }

    public async Task BackfillAsync(CancellationToken cancellationToken)
    {
        long now = clock();
        try
        {
            var queued = await backfiller.RunAsync((long)(Settings.BackfillWindowHours * 3600), null, now, dryRun: false, cancellationToken)
                .ConfigureAwait(false);
            if (queued.Count > 0) log.Info($"backfill: queued {queued.Count} ended jobs that had no summary");
            health.BackfillDone(now, queued.Count, "");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { }
        catch (Exception e) when (e is Slurm.SlurmCommandException or Storage.SummaryDatabaseException or IOException)
        {
            log.Warning($"backfill: {e.Message}; trying again at the next interval");
            health.BackfillDone(now, 0, e.Message);
        }
    }

    private void WriteStatus()
    {
        try { StatusFile.Write(queue.Root, health, Environment.ProcessId); }
        catch (IOException e) { log.Debug($"could not write the status file: {e.Message}"); }
    }
}
