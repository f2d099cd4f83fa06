using System.Diagnostics.CodeAnalysis;
using Jobstats.Core.Config;
using Jobstats.Core.Efficiency;
using Jobstats.Core.Model;
using Jobstats.Core.Summary;
using Jobstats.Prometheus.Api;
using Jobstats.Prometheus.Queries;
using Jobstats.Slurm;
using Jobstats.Slurm.Accounting;
using Jobstats.Slurm.AdminComments;
using Jobstats.Summaries.Queue;
using Jobstats.Summaries.Storage;

namespace Jobstats.Summaries.Service;

/// <summary>
/// One round of the summary service over a batch of queued jobs: one sacct lookup for all of them (per cluster), one
/// more for the SLUIDs of those Prometheus is asked about, their Prometheus queries through a shared gate, then one
/// database transaction and/or one <c>sacctmgr -i</c> process for all the writes and one sacct call reading them back.
/// A job is stored only when what was read back is what was written; anything else leaves it queued with its cause.
/// </summary>
public sealed class BatchProcessor(JobstatsConfig config, SacctClient sacct, AdminCommentStore adminComments,
    ISummaryDatabase? database, JobUsageQuery prometheus, IServiceLog log)
{
    private SummarySettings Settings => config.Summaries;

    /// <summary>
    /// Whether this Slurm's sacctmgr lower-cases AdminComment (22.05 and older), so the case-safe form is written
    /// there. Set from sacctmgr's version at start, and turned on if a comment is ever read back lower-cased.
    /// </summary>
    public bool LowerCasingSlurm { get; set; }

    private long RetentionSeconds => (long)(Settings.PrometheusRetentionDays * 86400);

    public async Task<IReadOnlyList<EntryResult>> ProcessAsync(IReadOnlyList<QueueEntry> entries, long now, CancellationToken cancellationToken)
    {
        var results = new List<EntryResult>(entries.Count);
        foreach (var group in entries.GroupBy(e => e.Cluster, StringComparer.Ordinal))
            results.AddRange(await ProcessClusterAsync(group.Key, [.. group], now, cancellationToken).ConfigureAwait(false));
        return results;
    }

    private async Task<IReadOnlyList<EntryResult>> ProcessClusterAsync(string cluster, IReadOnlyList<QueueEntry> entries, long now,
        CancellationToken cancellationToken)
    {
        IReadOnlyList<JobRecord> rows;
        try { rows = await sacct.LookupManyAsync([.. entries.Select(e => e.JobIdRaw)], cluster, cancellationToken).ConfigureAwait(false); }
        catch (SlurmCommandException e)
        {
            return [.. entries.Select(entry => Retry(entry, FailureCause.Slurm, $"looking the job up: {e.Message}"))];
        }
        var byRawId = new Dictionary<string, JobRecord>(StringComparer.Ordinal);
        foreach (var row in rows) byRawId.TryAdd(row.JobIdRaw, row);

        var results = new List<EntryResult>();
        var toSummarise = new List<(QueueEntry Entry, JobRecord Record, bool WriteAdminComment)>();
        foreach (var entry in entries)
        {
            if (!byRawId.TryGetValue(entry.JobIdRaw, out JobRecord? record))
            {
                results.Add(now - entry.QueuedAt > RetentionSeconds
                    ? new EntryResult(entry, EntryFate.GaveUp, "Slurm never recorded the job, and Prometheus no longer holds its data")
                    : Retry(entry, FailureCause.NotRecorded, "slurmdbd has no record of the job yet"));
                continue;
            }
            if (record.State == "PENDING" || record.Start is null)
            {
                results.Add(new EntryResult(entry, EntryFate.NothingToDo, $"the job never ran (state {record.State})"));
                continue;
            }
            if (record.End is null || record.IsRunning)
            {
                results.Add(Retry(entry, FailureCause.NotRecorded, "slurmdbd has not recorded the job's end yet"));
                continue;
            }
            SummaryKind existing = SummaryCodec.Read(record.AdminComment).Kind;
            bool adminCommentIsOurs = existing != SummaryKind.Foreign;
            bool hasSummary = existing is SummaryKind.Usage or SummaryKind.Short or SummaryKind.NoData;
            if (Settings.Store == SummaryStoreMode.AdminComment)
            {
                if (hasSummary) { results.Add(new EntryResult(entry, EntryFate.NothingToDo, "its AdminComment already holds a summary")); continue; }
                if (!adminCommentIsOurs)
                {
                    log.Warning($"job {record.JobId}: its AdminComment holds something that is not a jobstats summary; leaving it alone");
                    results.Add(new EntryResult(entry, EntryFate.NothingToDo, "its AdminComment holds something else"));
                    continue;
                }
            }
            // With the database, the database is written in any case; AdminComment only where it is free or ours.
            toSummarise.Add((entry, record, adminCommentIsOurs && Settings.Store != SummaryStoreMode.Database));
        }
        if (toSummarise.Count == 0) return results;

        var summaries = await SummariseAsync(cluster, toSummarise.Select(t => (t.Entry, t.Record)).ToList(), now, cancellationToken).ConfigureAwait(false);
        var ready = new List<(QueueEntry Entry, JobRecord Record, SummaryRecord Summary, bool WriteAdminComment)>();
        foreach (var item in toSummarise)
        {
            var outcome = summaries[item.Entry];
            if (outcome.Succeeded) ready.Add((item.Entry, item.Record, outcome.Summary, item.WriteAdminComment));
            else results.Add(outcome.Failure);
        }
        results.AddRange(await StoreAsync(cluster, ready, cancellationToken).ConfigureAwait(false));
        return results;
    }

    /// <summary>One job's summary, or the result that says why there is none.</summary>
    private sealed record Summarised(SummaryRecord? Summary, EntryResult? Failure)
    {
        [MemberNotNullWhen(true, nameof(Summary))]
        [MemberNotNullWhen(false, nameof(Failure))]
        public bool Succeeded => Failure is null;
    }

    /// <summary>Computes each job's summary: Short without asking anyone, else from Prometheus.</summary>
    private async Task<Dictionary<QueueEntry, Summarised>> SummariseAsync(string cluster, IReadOnlyList<(QueueEntry Entry, JobRecord Record)> jobs,
        long now, CancellationToken cancellationToken)
    {
        var outcomes = new Dictionary<QueueEntry, Summarised>();
        var asking = new List<(QueueEntry Entry, JobRecord Record, long RunSeconds)>();
        foreach (var (entry, record) in jobs)
        {
            var analysis = new JobAnalysis(record, new JobUsage(), UsageSource.None, now, config);
            if (analysis.SampledTooBriefly)
                outcomes[entry] = new Summarised(Record(record, SummaryCodec.ShortLiteral, analysis.RunSeconds, null), null);
            else asking.Add((entry, record, analysis.RunSeconds));
        }
        if (asking.Count == 0) return outcomes;

        IReadOnlyDictionary<string, string>? sluids;
        try { sluids = await sacct.SluidsAsync([.. asking.Select(a => a.Record)], cluster, cancellationToken).ConfigureAwait(false); }
        catch (SlurmCommandException e)
        {
            foreach (var (entry, _, _) in asking)
                outcomes[entry] = new Summarised(null, Retry(entry, FailureCause.Slurm, $"asking for SLUIDs: {e.Message}"));
            return outcomes;
        }

        var queries = asking.Select(async job =>
        {
            string? sluid = sluids?.GetValueOrDefault(job.Record.JobIdRaw);
            try
            {
                JobUsage usage = await prometheus.ReadAsync(job.Record, sluid, now, cancellationToken).ConfigureAwait(false);
                string value = usage.IsEmpty ? SummaryCodec.NoneLiteral : SummaryCodec.Encode(usage, job.RunSeconds, job.Record.Gpus, caseSafe: false);
                return (job.Entry, new Summarised(Record(job.Record, value, job.RunSeconds, usage.IsEmpty ? null : usage), null));
            }
            catch (PrometheusException e) when (now - job.Record.End!.Value > RetentionSeconds)
            {
                // Prometheus can no longer have this job's samples: the None marker says so for good.
                log.Warning($"job {job.Record.JobId}: Prometheus cannot have its data any more ({e.Message}); storing the None marker");
                return (job.Entry, new Summarised(Record(job.Record, SummaryCodec.NoneLiteral, job.RunSeconds, null), null));
            }
            catch (PrometheusException e)
            {
                return (job.Entry, new Summarised(null, Retry(job.Entry, FailureCause.Prometheus, e.Message)));
            }
        });
        foreach (var (entry, outcome) in await Task.WhenAll(queries).ConfigureAwait(false)) outcomes[entry] = outcome;
        return outcomes;
    }

    private static SummaryRecord Record(JobRecord record, string value, long runSeconds, JobUsage? usage) =>
        new(record.Cluster, long.Parse(record.JobIdRaw, System.Globalization.CultureInfo.InvariantCulture), value, runSeconds, record.Gpus, usage);

    private async Task<IReadOnlyList<EntryResult>> StoreAsync(string cluster,
        IReadOnlyList<(QueueEntry Entry, JobRecord Record, SummaryRecord Summary, bool WriteAdminComment)> ready, CancellationToken cancellationToken)
    {
        if (ready.Count == 0) return [];
        var results = new List<EntryResult>();
        if (Settings.Store != SummaryStoreMode.AdminComment)
        {
            if (database is null) throw new InvalidOperationException("the external summary store is not open");
            try { await database.WriteAsync([.. ready.Select(r => r.Summary)], cancellationToken).ConfigureAwait(false); }
            catch (SummaryDatabaseException e)
            {
                return [.. ready.Select(r => Retry(r.Entry, FailureCause.Database, e.Message))];
            }
            if (Settings.Store == SummaryStoreMode.Database)
                return [.. ready.Select(r => Stored(r.Entry, r.Summary, "in the summary database"))];
        }

        var mirrorOnly = Settings.Store == SummaryStoreMode.DatabaseAndAdminComment;
        var toWrite = ready.Where(r => r.WriteAdminComment).ToList();
        results.AddRange(ready.Where(r => !r.WriteAdminComment).Select(r => Stored(r.Entry, r.Summary, "in the summary database (AdminComment not ours)")));
        var written = await WriteAdminCommentsAsync(cluster, toWrite.Select(r => (r.Record, r.Summary)).ToList(), cancellationToken).ConfigureAwait(false);
        foreach (var r in toWrite)
        {
            string? problem = written[r.Record.JobIdRaw];
            if (problem is null) results.Add(Stored(r.Entry, r.Summary, mirrorOnly ? "in the summary database and AdminComment" : "in AdminComment"));
            else if (mirrorOnly)
            {
                // The database holds it: a mirror that failed is logged, not retried.
                log.Warning($"job {r.Record.JobId}: stored in the summary database, but the copy in AdminComment failed: {problem}");
                results.Add(Stored(r.Entry, r.Summary, "in the summary database (the AdminComment copy failed)"));
            }
            else results.Add(Retry(r.Entry, FailureCause.Slurm, problem));
        }
        return results;
    }

    /// <summary>
    /// Writes the AdminComments and reads them back; the answer maps each raw id to null (stored as written) or the
    /// problem. A comment read back lower-cased means this Slurm lower-cases them: those are written again in the
    /// case-safe form, and so is everything after.
    /// </summary>
    private async Task<Dictionary<string, string?>> WriteAdminCommentsAsync(string cluster, IReadOnlyList<(JobRecord Record, SummaryRecord Summary)> jobs,
        CancellationToken cancellationToken)
    {
        var problems = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (jobs.Count == 0) return problems;
        var pending = jobs.ToList();
        for (int pass = 0; pass < 2 && pending.Count > 0; pass++)
        {
            var values = pending.ToDictionary(j => j.Record.JobIdRaw, j => AdminCommentValue(j.Summary.Value), StringComparer.Ordinal);
            IReadOnlyDictionary<string, string> readBack;
            try
            {
                var writes = pending.Select(j => (AdminCommentStore.Selector(j.Record.JobId, j.Record.JobIdRaw), values[j.Record.JobIdRaw])).ToList();
                var result = await adminComments.WriteManyAsync(writes, cancellationToken).ConfigureAwait(false);
                if (result.ExitCode != 0) log.Debug($"sacctmgr -i exited {result.ExitCode}: {result.FirstErrorLine}");
                readBack = await adminComments.ReadManyAsync([.. values.Keys], cluster, cancellationToken).ConfigureAwait(false);
            }
            catch (SlurmCommandException e)
            {
                foreach (var j in pending) problems[j.Record.JobIdRaw] = $"writing AdminComment: {e.Message}";
                return problems;
            }
            var again = new List<(JobRecord, SummaryRecord)>();
            foreach (var job in pending)
            {
                string value = values[job.Record.JobIdRaw];
                string? got = readBack.GetValueOrDefault(job.Record.JobIdRaw);
                if (got == value) problems[job.Record.JobIdRaw] = null;
                else if (!LowerCasingSlurm && got is not null && got == value.ToLowerInvariant())
                {
                    log.Info($"job {job.Record.JobId}: sacctmgr lower-cased the summary; storing the case-safe form from now on");
                    again.Add(job);
                }
                else problems[job.Record.JobIdRaw] = got is null
                    ? "the AdminComment could not be read back"
                    : "the AdminComment read back differs from what was written";
            }
            if (again.Count > 0) LowerCasingSlurm = true;
            pending = again;
        }
        return problems;
    }

    private string AdminCommentValue(string value) => LowerCasingSlurm ? SummaryCodec.ToCaseSafe(value) : value;

    private static EntryResult Stored(QueueEntry entry, SummaryRecord summary, string where) =>
        new(entry, EntryFate.Stored, $"stored {summary.Value.Length} characters {where}")
        {
            StoredKind = summary.Value == SummaryCodec.ShortLiteral ? "short" : summary.Value == SummaryCodec.NoneLiteral ? "none" : "usage",
        };

    private static EntryResult Retry(QueueEntry entry, FailureCause cause, string message) => new(entry, EntryFate.Retry, message, cause);
}
