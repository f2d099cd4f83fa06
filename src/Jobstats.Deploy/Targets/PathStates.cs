namespace Jobstats.Deploy.Targets;

/// <summary>
/// What <see cref="IHostTarget.StatManyAsync"/> found: one state per asked path, in order, and the host paths of
/// stale temp files left by a writer that no longer runs.
/// </summary>
public sealed record PathStates(IReadOnlyList<PathInfo> Paths, IReadOnlyList<string> StaleTempFiles);
