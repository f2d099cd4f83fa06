using Jobstats.Core.Model;
using Jobstats.Processes;
using Jobstats.Slurm.JobIds;

namespace Jobstats.Slurm.Accounting;

/// <summary>Looks jobs up with one sacct call each (plus one <c>sacct -V</c> per process).</summary>
public sealed class SacctClient(IProcessRunner runner, TimeSpan timeout, string sacctPath = "sacct")
{
    private SlurmVersion? _version;
    private bool _versionKnown;

    public async Task<SlurmVersion?> VersionAsync(CancellationToken cancellationToken = default)
    {
        if (_versionKnown) return _version;
        ProcessResult result = await runner.RunAsync(new ProcessRequest(sacctPath, ["-V"], timeout), cancellationToken).ConfigureAwait(false);
        _version = result.Succeeded ? SlurmVersion.Parse(result.StandardOutput) : null;
        _versionKnown = true;
        return _version;
    }

    public static ProcessRequest BuildRequest(JobIdentifier id, string? cluster, IReadOnlyList<string> fields, string sacctPath, TimeSpan timeout)
    {
        var args = new List<string> { "-P", "-X", "-n", "-o", string.Join(',', fields), "-j", id.Text };
        if (cluster is not null) { args.Add("-M"); args.Add(cluster); }
        return new ProcessRequest(sacctPath, args, timeout)
        {
            Environment = new Dictionary<string, string?> { ["SLURM_TIME_FORMAT"] = "%s" },
        };
    }

    public Task<JobLookupResult> LookupAsync(JobIdentifier id, string? cluster, CancellationToken cancellationToken = default) =>
        LookupAsync(id, cluster, JobIdMeaning.AsTyped, cancellationToken);

    public async Task<JobLookupResult> LookupAsync(JobIdentifier id, string? cluster, JobIdMeaning meaning, CancellationToken cancellationToken = default)
    {
        SlurmVersion? version = await VersionAsync(cancellationToken).ConfigureAwait(false);
        var fields = SacctFields.For(version?.HasSluid == true);
        ProcessResult result = await runner.RunAsync(BuildRequest(id, cluster, fields, sacctPath, timeout), cancellationToken).ConfigureAwait(false);
        if (result.TimedOut) throw new SlurmCommandException($"sacct did not answer within {timeout.TotalSeconds:0} s");
        if (result.Outcome != ProcessOutcome.Exited) throw new SlurmCommandException(result.Failure);
        if (result.ExitCode != 0) throw new SlurmCommandException($"sacct failed (exit {result.ExitCode}): {result.FirstErrorLine}");
        return Interpret(id, cluster, SacctRowParser.Parse(result.StandardOutput, fields), meaning);
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
