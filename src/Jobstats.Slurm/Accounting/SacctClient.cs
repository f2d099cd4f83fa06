using Jobstats.Core.Model;
using Jobstats.Processes;
using Jobstats.Slurm.AdminComments;
using Jobstats.Slurm.JobIds;

namespace Jobstats.Slurm.Accounting;

/// <summary>
/// Looks jobs up with one sacct call each. A report read from a stored summary therefore runs sacct once: the lookup
/// asks only for fields every supported release knows, and the SLUID, which only Slurm 26 has and only a Prometheus
/// query needs, is asked for by <see cref="SluidAsync"/> once Prometheus is to be asked.
/// </summary>
public sealed class SacctClient(IProcessRunner runner, TimeSpan timeout, string sacctPath = "sacct")
{
    /// <summary>What sacct before Slurm 26 says, on stderr with exit 1, when asked for the sluid field.</summary>
    private const string InvalidFieldMessage = "Invalid field requested";

    public static ProcessRequest BuildRequest(JobIdentifier id, string? cluster, IReadOnlyList<string> fields, string sacctPath, TimeSpan timeout)
    {
        var args = new List<string> { "-P", "-X", "-n", "-o", string.Join(',', fields), "-j", id.Text };
        if (cluster is not null) { args.Add("-M"); args.Add(cluster); }
        return new ProcessRequest(sacctPath, args, timeout) { Environment = TimeFormat };
    }

    public Task<JobLookupResult> LookupAsync(JobIdentifier id, string? cluster, CancellationToken cancellationToken = default) =>
        LookupAsync(id, cluster, JobIdMeaning.AsTyped, cancellationToken);

    public async Task<JobLookupResult> LookupAsync(JobIdentifier id, string? cluster, JobIdMeaning meaning, CancellationToken cancellationToken = default)
    {
        var fields = SacctFields.Lookup;
        ProcessResult result = await runner.RunAsync(BuildRequest(id, cluster, fields, sacctPath, timeout), cancellationToken).ConfigureAwait(false);
        ThrowUnlessSucceeded(result);
        return Interpret(id, cluster, SacctRowParser.Parse(result.StandardOutput, fields), meaning);
    }

    /// <summary>
    /// The job's SLUID (Slurm 26 labels cgroup v2 job directories with it), or null where Slurm has none. Releases
    /// before 26 refuse the field with <see cref="InvalidFieldMessage"/>, which is the answer "none"; any other failure
    /// is an error, since on Slurm 26 a query without the SLUID could silently miss the job's cgroup series.
    /// </summary>
    public async Task<string?> SluidAsync(JobRecord record, CancellationToken cancellationToken = default)
    {
        // The same id form sacctmgr is given names exactly this allocation (an array task by its "123_4" form), and the
        // row is still matched by its raw id.
        string selector = AdminCommentStore.Selector(record.JobId, record.JobIdRaw);
        var args = new List<string> { "-P", "-X", "-n", "-o", "jobidraw,sluid", "-j", selector, "-M", record.Cluster };
        ProcessResult result = await runner.RunAsync(new ProcessRequest(sacctPath, args, timeout), cancellationToken).ConfigureAwait(false);
        if (!result.TimedOut && result.ExitCode != 0 && result.StandardError.Contains(InvalidFieldMessage, StringComparison.Ordinal)) return null;
        ThrowUnlessSucceeded(result);
        foreach (string line in result.StandardOutput.Split('\n'))
        {
            string[] parts = line.TrimEnd('\r').Split('|');
            if (parts.Length == 2 && parts[0] == record.JobIdRaw) return parts[1].Length == 0 ? null : parts[1];
        }
        return null;
    }

    /// <summary>
    /// Many jobs by their raw ids in one sacct call (one slurmdbd query), one row per allocation. Rows of other jobs that
    /// sacct lists along (an array id also names its tasks) are returned too; callers match rows by JobIDRaw.
    /// </summary>
    public async Task<IReadOnlyList<JobRecord>> LookupManyAsync(IReadOnlyCollection<string> rawIds, string? cluster,
        CancellationToken cancellationToken = default)
    {
        if (rawIds.Count == 0) return [];
        var fields = SacctFields.Lookup;
        var args = new List<string> { "-P", "-X", "-n", "-o", string.Join(',', fields), "-j", string.Join(',', rawIds) };
        if (cluster is { Length: > 0 }) { args.Add("-M"); args.Add(cluster); }
        var request = new ProcessRequest(sacctPath, args, timeout) { Environment = TimeFormat };
        ProcessResult result = await runner.RunAsync(request, cancellationToken).ConfigureAwait(false);
        ThrowUnlessSucceeded(result);
        return SacctRowParser.Parse(result.StandardOutput, fields);
    }

    /// <summary>
    /// Jobs that ended in the last <paramref name="windowSeconds"/> (<c>sacct -a -X -S now-N -E now -s ...</c>), for
    /// finding those without a summary: one call for the whole window. "now-N" is sacct's own relative time, so the
    /// controller's time zone plays no part.
    /// </summary>
    public async Task<IReadOnlyList<JobRecord>> EndedWithinAsync(long windowSeconds, string? cluster, CancellationToken cancellationToken = default)
    {
        var fields = SacctFields.Lookup;
        var args = new List<string>
        {
            "-P", "-X", "-n", "-a", "-o", string.Join(',', fields),
            "-S", "now-" + windowSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "-E", "now", "-s", EndedStates,
        };
        if (cluster is { Length: > 0 }) { args.Add("-M"); args.Add(cluster); }
        var request = new ProcessRequest(sacctPath, args, timeout) { Environment = TimeFormat };
        ProcessResult result = await runner.RunAsync(request, cancellationToken).ConfigureAwait(false);
        ThrowUnlessSucceeded(result);
        return SacctRowParser.Parse(result.StandardOutput, fields);
    }

    /// <summary>
    /// The jobs a table shows, in one sacct call with their steps (MaxRSS lives there), handed to
    /// <paramref name="onJob"/> one by one as sacct prints them: 100,000 jobs with their summaries are some 50 MB of
    /// output, which is read as it streams rather than held. Returns the lines that could not be read.
    /// </summary>
    public async Task<IReadOnlyList<string>> ListAsync(JobListQuery query, Action<ListedJob> onJob, CancellationToken cancellationToken = default)
    {
        var args = new List<string> { "-P", "-n", "-o", string.Join(',', SacctFields.Listing) };
        args.AddRange(query.SelectionArguments());
        return await SacctListingReader.RunAsync(runner, new ProcessRequest(sacctPath, args, timeout) { Environment = TimeFormat },
            SacctFields.Listing, onJob, "narrow the selection (--since, --until, --user, --state)", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The largest listing read: some 500,000 jobs with summaries.</summary>
    public const int MaxListingBytes = 1024 * 1024 * 1024;

    /// <summary>Every state in which a job has ended after running or being cut short.</summary>
    private const string EndedStates = "CA,CD,DL,F,NF,OOM,PR,TO";

    private static readonly IReadOnlyDictionary<string, string?> TimeFormat = new Dictionary<string, string?> { ["SLURM_TIME_FORMAT"] = "%s" };

    /// <summary>
    /// The SLUIDs of many jobs in one call, keyed by raw id; null when this Slurm has none (before 26), which is
    /// remembered so later batches do not ask again.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>?> SluidsAsync(IReadOnlyCollection<JobRecord> records, string? cluster,
        CancellationToken cancellationToken = default)
    {
        if (_noSluids || records.Count == 0) return null;
        var args = new List<string> { "-P", "-X", "-n", "-o", "jobidraw,sluid", "-j", string.Join(',', records.Select(r => r.JobIdRaw)) };
        if (cluster is { Length: > 0 }) { args.Add("-M"); args.Add(cluster); }
        ProcessResult result = await runner.RunAsync(new ProcessRequest(sacctPath, args, timeout), cancellationToken).ConfigureAwait(false);
        if (!result.TimedOut && result.ExitCode != 0 && result.StandardError.Contains(InvalidFieldMessage, StringComparison.Ordinal))
        {
            _noSluids = true;
            return null;
        }
        ThrowUnlessSucceeded(result);
        var sluids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in result.StandardOutput.Split('\n'))
        {
            string[] parts = line.TrimEnd('\r').Split('|');
            if (parts.Length == 2 && parts[1].Length > 0) sluids[parts[0]] = parts[1];
        }
        return sluids;
    }

    private bool _noSluids;

    private void ThrowUnlessSucceeded(ProcessResult result)
    {
        if (result.TimedOut) throw new SlurmCommandException($"sacct did not answer within {timeout.TotalSeconds:0} s");
        if (result.Outcome != ProcessOutcome.Exited) throw new SlurmCommandException(result.Failure);
        if (result.ExitCode != 0) throw new SlurmCommandException($"sacct failed (exit {result.ExitCode}): {result.FirstErrorLine}");
    }

    /// <summary>Chooses the job among the rows; never picks one of several silently.</summary>
    public static JobLookupResult Interpret(JobIdentifier id, string? cluster, IReadOnlyList<JobRecord> rows,
        JobIdMeaning meaning = JobIdMeaning.AsTyped)
    {
        if (rows.Count == 0)
        {
            string where = cluster is null ? "" : $" on cluster {cluster}";
            string hint = cluster is null ? " If it ran on another cluster, name that cluster with -c." : "";
            return new JobLookupResult(JobLookupOutcome.NotFound, null, [],
                $"Slurm has no record of job {id}{where}.{hint}");
        }

        // An array master id or a heterogeneous job id lists several rows and none of them is "the" job.
        // Slurm's own SLURM_JOB_ID is a JobIDRaw: the last task of an array keeps the array's id, so `sacct -j` with it
        // lists the whole array, and only the raw id tells which row is the allocation that ended.
        JobRecord? exact = rows.FirstOrDefault(r => r.JobId == id.Text)
                           ?? (meaning == JobIdMeaning.SlurmJobId ? rows.FirstOrDefault(r => r.JobIdRaw == id.Text) : null)
                           ?? (rows.Count == 1 ? rows[0] : null);
        if (exact is null)
        {
            var ids = rows.Select(r => r.JobId).Distinct().ToList();
            string kind = ids.Any(i => i.Contains('+')) ? "a heterogeneous job with components" : "an array job with tasks";
            string shown = string.Join(" ", ids.Take(20)) + (ids.Count > 20 ? $" … ({ids.Count} in all)" : "");
            return new JobLookupResult(JobLookupOutcome.SeveralJobs, null, ids,
                $"Job {id} is {kind} {shown}. Ask for one of them, e.g. `jobstats {ids[0]}`.");
        }

        if (exact.State == "PENDING")
            return new JobLookupResult(JobLookupOutcome.Pending, exact, [exact.JobId], $"Job {id} is still pending: it has not started yet, so there is nothing to report.");
        if (exact.Start is null)
            return new JobLookupResult(JobLookupOutcome.NeverStarted, exact, [exact.JobId], $"Job {id} never started (state {exact.State}), so there is nothing to report.");
        return JobLookupResult.Found(exact);
    }

    /// <summary>The batch script Slurm kept for the job (<c>sacct -B</c>), or null when there is none.</summary>
    public async Task<string?> BatchScriptAsync(JobIdentifier id, string? cluster, CancellationToken cancellationToken = default)
    {
        var args = new List<string> { "-B", "-j", id.Text };
        if (cluster is not null) { args.Add("-M"); args.Add(cluster); }
        ProcessResult result = await runner.RunAsync(new ProcessRequest(sacctPath, args, timeout), cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded) return null;
        var lines = result.StandardOutput.Split('\n').ToList();
        if (lines.Count > 0 && lines[0].StartsWith("Batch Script for", StringComparison.Ordinal)) lines = lines.Skip(2).ToList();
        string script = string.Join('\n', lines).Trim('\n');
        return script.Length == 0 ? null : script;
    }
}
