namespace Jobstats.Core.Timeline;

public enum TimelineUnit { Percent, Bytes }

/// <summary>
/// One row of a timeline: a name ("CPU", "memory", "GPU 0"), its unit and one value per step from the job's start
/// (null where Prometheus had no sample). <paramref name="Ceiling"/> is the top of its scale: 100 for a percentage,
/// the memory allocated for memory when known.
/// </summary>
public sealed record TimelineSeries(string Name, TimelineUnit Unit, IReadOnlyList<double?> Values, double Ceiling);

/// <summary>A job's timeline: the run it covers, the step of its points and its rows.</summary>
public sealed record JobTimeline(long Start, long End, long Step, IReadOnlyList<TimelineSeries> Series);
