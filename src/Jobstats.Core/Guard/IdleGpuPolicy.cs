using System.Globalization;
using Jobstats.Core.Config;

namespace Jobstats.Core.Guard;

/// <summary>
/// Decides, for every running GPU job, whether to warn its owner or cancel it; no I/O, "now" is a parameter. A job is
/// warned once when all its GPUs have been idle for its limit (the interactive allowance for interactive jobs), and
/// cancelled once when it was warned at least the grace period ago and its GPUs stayed idle all that time. Excluded
/// users and partitions are never touched; a job without GPU series is never taken for idle.
/// </summary>
public static class IdleGpuPolicy
{
    public sealed record Decision(IReadOnlyList<IdleGpuAction> Actions, IReadOnlyList<string> Passed);

    public static Decision Decide(IdleGpuSettings settings, IReadOnlyList<IdleGpuJob> jobs,
        IReadOnlyDictionary<string, IdleGpuJobState> state, long now)
    {
        var actions = new List<IdleGpuAction>();
        var passed = new List<string>();
        foreach (var job in jobs.OrderBy(j => j.Cluster, StringComparer.Ordinal).ThenBy(j => j.JobId, StringComparer.Ordinal))
        {
            if (job.Gpus <= 0) continue;
            if (settings.ExcludeUsers.Contains(job.User)) { passed.Add($"job {job.JobId}: user {job.User} is excluded"); continue; }
            if (settings.ExcludePartitions.Contains(job.Partition)) { passed.Add($"job {job.JobId}: partition {job.Partition} is excluded"); continue; }
            if (job.IdleSeconds is not { } idle) { passed.Add($"job {job.JobId}: Prometheus has no GPU utilisation for it"); continue; }
            state.TryGetValue(job.Key, out IdleGpuJobState? done);
            if (done?.CancelledAt is not null) { passed.Add($"job {job.JobId}: already cancelled"); continue; }

            double limit = settings.LimitMinutesFor(job.JobName);
            string idleText = Minutes(idle);
            if (idle < limit * 60)
            {
                passed.Add($"job {job.JobId}: GPUs idle for {idleText} min, under the limit of {Minutes(limit * 60)} min");
                continue;
            }
            if (done?.WarnedAt is not { } warnedAt)
            {
                actions.Add(new IdleGpuAction(IdleGpuActionKind.Warn, job, limit,
                    $"every GPU idle for {idleText} min (limit {Minutes(limit * 60)} min{(settings.IsInteractive(job.JobName) ? ", interactive" : "")})"));
                continue;
            }
            long sinceWarning = now - warnedAt;
            if (settings.Mode != IdleGpuMode.WarnAndCancel) { passed.Add($"job {job.JobId}: warned already; cancelling is off"); continue; }
            if (sinceWarning < settings.GraceMinutes * 60)
            {
                passed.Add($"job {job.JobId}: warned {Minutes(sinceWarning)} min ago, grace period {Minutes(settings.GraceMinutes * 60)} min");
                continue;
            }
            // Idle through the whole grace period: the GPUs have not done anything since the warning.
            if (idle < sinceWarning)
            {
                passed.Add($"job {job.JobId}: its GPUs worked after the warning (idle {idleText} min, warned {Minutes(sinceWarning)} min ago)");
                continue;
            }
            actions.Add(new IdleGpuAction(IdleGpuActionKind.Cancel, job, limit,
                $"every GPU idle for {idleText} min, still idle {Minutes(sinceWarning)} min after the warning"));
        }
        return new Decision(actions, passed);
    }

    /// <summary>The state after <paramref name="done"/> was carried out: jobs no longer running are forgotten.</summary>
    public static Dictionary<string, IdleGpuJobState> NextState(IReadOnlyDictionary<string, IdleGpuJobState> state,
        IReadOnlyList<IdleGpuJob> running, IEnumerable<IdleGpuAction> done, long now)
    {
        var keys = running.Select(j => j.Key).ToHashSet(StringComparer.Ordinal);
        var next = state.Where(kv => keys.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        foreach (var action in done)
        {
            next.TryGetValue(action.Job.Key, out var old);
            next[action.Job.Key] = action.Kind == IdleGpuActionKind.Warn
                ? new IdleGpuJobState(now, old?.CancelledAt)
                : new IdleGpuJobState(old?.WarnedAt, now);
        }
        return next;
    }

    /// <summary>The placeholder values of the mail templates for one action.</summary>
    public static IReadOnlyDictionary<string, Notes.FigureValue> Figures(IdleGpuAction action, IdleGpuSettings settings)
    {
        var job = action.Job;
        return new Dictionary<string, Notes.FigureValue>(StringComparer.Ordinal)
        {
            ["jobid"] = Notes.FigureValue.Of(job.JobId),
            ["user"] = Notes.FigureValue.Of(job.User),
            ["cluster"] = Notes.FigureValue.Of(job.Cluster),
            ["job_name"] = Notes.FigureValue.Of(job.JobName),
            ["partition"] = Notes.FigureValue.Of(job.Partition),
            ["gpus"] = Notes.FigureValue.Of(job.Gpus),
            ["idle_minutes"] = Notes.FigureValue.Of(Minutes(job.IdleSeconds ?? 0)),
            ["limit_minutes"] = Notes.FigureValue.Of(Minutes(action.LimitMinutes * 60)),
            ["grace_minutes"] = Notes.FigureValue.Of(Minutes(settings.GraceMinutes * 60)),
        };
    }

    private static string Minutes(double seconds) => Math.Floor(seconds / 60).ToString(CultureInfo.InvariantCulture);
}
