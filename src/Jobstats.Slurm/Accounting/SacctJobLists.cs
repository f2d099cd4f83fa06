using System.Globalization;
using Jobstats.Core.Model;
using Jobstats.Processes;

namespace Jobstats.Slurm.Accounting;

/// <summary>
/// Many jobs from one sacct call each, for the views across jobs: every job running now (the idle-GPU action), and
/// every job that ended in a period (the waste report). <c>-a</c> asks for all users: sacct itself shows a user only
/// their own jobs unless they may see more, so nobody sees more than Slurm allows. Times are epoch seconds both ways
/// (SLURM_TIME_FORMAT=%s), so no time zone is involved. The output is read as it streams, by the reader of
/// <c>jobstats ls</c> (<see cref="SacctListingReader"/>), under its contract: a line that cannot be read is skipped and
/// named in <see cref="JobList.Skipped"/>, and the rest is returned.
/// </summary>
public sealed class SacctJobLists(IProcessRunner runner, TimeSpan timeout, string sacctPath = "sacct")
{
    // Epoch seconds out; and in UTC (TZ=UTC), the zone the period's bounds are written in (see Epoch).
    private static readonly IReadOnlyDictionary<string, string?> TimeFormat = new Dictionary<string, string?>
    {
        ["SLURM_TIME_FORMAT"] = "%s", ["TZ"] = "UTC",
    };

    /// <summary>Every job that ended after running or being cut short (the summary service's list, too).</summary>
    private const string EndedStates = "CA,CD,DL,F,NF,OOM,PR,TO";

    /// <summary>Jobs running now: <c>sacct -a -X -s R -S now -E now</c>.</summary>
    public Task<JobList> RunningAsync(string? cluster, CancellationToken cancellationToken = default) =>
        ListAsync(["-s", "R", "-S", "now", "-E", "now"], cluster, cancellationToken);

    /// <summary>Jobs that ended between the two epoch times (<c>sacct -a -X -s ENDED -S since -E until</c>).</summary>
    public async Task<JobList> EndedBetweenAsync(long since, long until, string? cluster, CancellationToken cancellationToken = default)
    {
        var list = await ListAsync(["-s", EndedStates, "-S", Epoch(since), "-E", Epoch(until)], cluster, cancellationToken).ConfigureAwait(false);
        // With -s, sacct lists jobs that were in those states at some time in the window; keep those that ended in it.
        return list with { Jobs = [.. list.Jobs.Where(r => r.End is long end && end >= since && end <= until)] };
    }

    private async Task<JobList> ListAsync(IEnumerable<string> selection, string? cluster, CancellationToken cancellationToken)
    {
        var fields = SacctFields.Lookup;
        var args = new List<string> { "-P", "-X", "-n", "-a", "-o", string.Join(',', fields) };
        args.AddRange(selection);
        if (cluster is { Length: > 0 }) { args.Add("-M"); args.Add(cluster); }
        var jobs = new List<JobRecord>();
        var skipped = await SacctListingReader.RunAsync(runner, new ProcessRequest(sacctPath, args, timeout) { Environment = TimeFormat }, fields,
            job => jobs.Add(job.Record), "narrow the period", cancellationToken).ConfigureAwait(false);
        return new JobList(jobs, skipped);
    }

    // sacct takes times as local wall-clock time in ISO form; sacct runs with TZ=UTC, so the bound is written in UTC.
    private static string Epoch(long epoch) =>
        DateTimeOffset.FromUnixTimeSeconds(epoch).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
}

/// <summary>The jobs of one sacct listing, and the lines of its output that could not be read (skipped).</summary>
public sealed record JobList(IReadOnlyList<JobRecord> Jobs, IReadOnlyList<string> Skipped);
