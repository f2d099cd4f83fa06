using Jobstats.Processes;

namespace Jobstats.Slurm.Queue;

/// <summary>
/// The jobs running now, from one squeue process: slurmctld's own view (sacct would ask slurmdbd, which learns of a
/// start later and is the busier daemon). <c>--all</c> includes hidden partitions; the output is capped, since the
/// answer is held whole (a 100,000-job cluster prints about 5 MB).
/// </summary>
public sealed class SqueueClient(IProcessRunner runner, TimeSpan timeout, string squeuePath = "squeue")
{
    /// <summary>Far above the longest queue of running jobs; an answer beyond it is a failure, not a truncated list.</summary>
    public const int MaxOutputChars = 32 * 1024 * 1024;

    private static readonly string[] IgnoredEnvironment =
    [
        "SQUEUE_FORMAT", "SQUEUE_FORMAT2", "SQUEUE_SORT", "SQUEUE_USERS", "SQUEUE_ACCOUNT", "SQUEUE_PARTITION", "SQUEUE_QOS",
        "SQUEUE_NAMES", "SQUEUE_STATES", "SQUEUE_ALL", "SQUEUE_ARRAY", "SQUEUE_LICENSES", "SQUEUE_FEDERATION", "SQUEUE_LOCAL",
        "SLURM_CLUSTERS", "SLURM_TIME_FORMAT",
    ];

    public static ProcessRequest BuildRequest(string squeuePath, TimeSpan timeout) =>
        new(squeuePath, ["--noheader", "--all", "--states=RUNNING", $"--format={SqueueParser.Format}"], timeout)
        {
            MaxOutputChars = MaxOutputChars,
            // squeue takes defaults for its options from the environment; none may change which jobs are listed or how.
            Environment = IgnoredEnvironment.ToDictionary(name => name, string? (_) => null),
        };

    /// <summary>The running jobs; throws <see cref="SlurmCommandException"/> when squeue gave no usable answer.</summary>
    public async Task<SqueueListing> RunningAsync(CancellationToken cancellationToken = default)
    {
        ProcessResult result = await runner.RunAsync(BuildRequest(squeuePath, timeout), cancellationToken).ConfigureAwait(false);
        if (result.TimedOut) throw new SlurmCommandException($"squeue did not answer within {timeout.TotalSeconds:0} s");
        if (result.Outcome != ProcessOutcome.Exited) throw new SlurmCommandException(result.Failure);
        if (result.ExitCode != 0) throw new SlurmCommandException($"squeue failed (exit {result.ExitCode}): {result.FirstErrorLine}");
        var listing = SqueueParser.Parse(result.StandardOutput);
        // Lines, none of them readable: not a queue, a different output format (a wrapper, an odd squeue).
        if (listing.Jobs.Count == 0 && listing.RefusedLines > 0)
            throw new SlurmCommandException($"squeue's answer was not understood ({listing.RefusedLines} lines refused; {listing.Refused[0]})");
        return listing;
    }
}
