namespace Jobstats.Hosting;

/// <summary>
/// The commands jobstats hands to jobstats-fleet, a program of its own so that a report does not start with their
/// code (Jobstats.Fleet.Cli.csproj): their names, arguments and descriptions, written once for the two programs.
/// jobstats lists them in its --help and recognises them; jobstats-fleet builds them.
/// </summary>
public static class FleetCommands
{
    /// <summary>The program, installed beside jobstats.</summary>
    public const string ProgramName = "jobstats-fleet";

    /// <summary>jobstats-fleet's own --help (users see jobstats').</summary>
    public const string Description = "The commands about many jobs or a job over time, run by jobstats: jobstats ls, array, waste and timeline.";

    public const string ListDescription = """
        List many jobs in one table: state, run time and the time, CPU, memory and GPU efficiency of each.

        Without job ids: your jobs since midnight (sacct's default); --since, --until, --user, --account,
        --partition and --state choose others. What you may see is what sacct shows you: your own jobs, or
        everyone's for an administrator (-a). Finished jobs show the figures of their stored summary, or Slurm's
        own accounting ("sacct" in the From column) where none was stored; running jobs are measured so far
        through Prometheus ("live").

        Examples:
          jobstats ls --since 7d                 your jobs of the last week
          jobstats ls 1234567                    every task of array job 1234567
          jobstats ls -a -A physics --since 1d   the physics account's jobs of the last day
          jobstats ls --state RUNNING -u alice   alice's running jobs
          jobstats ls --since 30d --format csv > jobs.csv
        """;

    public const string ArrayDescription = """
        An array job at a glance: its tasks counted by state, histograms of their CPU, memory, time and GPU
        efficiency, and the worst tasks. `jobstats ls ARRAYID` lists every task.

        Examples:
          jobstats array 1234567
          jobstats array -n 1234567 | less
        """;

    public const string WasteDescription = """
        Report what jobs that ended in a period allocated but did not use, per user and per account, worst first:
        GPU-hours allocated, used and at 0%, unused CPU-hours, and the columns of the waste rules (memory and time
        limits far above use, by default). One sacct call for the whole period; the figures come from the
        summaries stored when the jobs ended (jobs without one count as allocated only). Users see their own jobs,
        admins everyone's, as sacct allows.

        Examples:
          jobstats waste                                  the last 7 days
          jobstats waste --since 2026-01-01 --until 2026-02-01 --format csv > january.csv
          jobstats waste --since 2026-01-01 --mail        show each user's letter
          jobstats waste --since 2026-01-01 --mail --send
        """;

    public const string TimelineDescription = """
        A job over time: its CPU utilisation, memory and each GPU's utilisation from its start to its end (or now),
        one line each, so you see when the GPUs went idle. Read from Prometheus, which keeps samples for a limited
        time (summaries.prometheus_retention_days in the config file).

        Examples:
          jobstats timeline 1234567
          jobstats timeline -n 1234567 | less
          jobstats timeline -u -w 120 1234567 > job.txt
        """;

    /// <summary>Each command's name and the name of its argument, if it takes any, in jobstats' --help order.</summary>
    public static readonly IReadOnlyList<(string Name, string? Argument, string Description)> All =
    [
        ("ls", "JOBID", ListDescription),
        ("array", "ARRAYID", ArrayDescription),
        ("waste", null, WasteDescription),
        ("timeline", "JOBID", TimelineDescription),
    ];
}
