namespace Jobstats.Slurm.Queue;

/// <summary>
/// The running jobs read from one squeue answer, and the lines that were refused (counted, the first few quoted).
/// </summary>
public sealed record SqueueListing(IReadOnlyList<RunningJob> Jobs, int RefusedLines, IReadOnlyList<string> Refused);
