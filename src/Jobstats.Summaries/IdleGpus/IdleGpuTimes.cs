using System.Text.RegularExpressions;
using Jobstats.Core.Config;
using Jobstats.Prometheus.Api;

namespace Jobstats.Summaries.IdleGpus;

/// <summary>
/// How long every GPU of each running job has been at 0%, for all jobs of a cluster from ONE range query: the highest
/// utilisation over a job's GPUs at each step, and the job's idle time is how long ago the last step above 0 was.
/// </summary>
internal static partial class IdleGpuTimes
{
    [GeneratedRegex(@"^[A-Za-z0-9_.:\-]{1,128}$")]
    private static partial Regex SafeValue();

    /// <summary>A job's GPUs that are all NaN (MIG instances have no duty cycle) are never taken for idle; nor a stale series.</summary>
    public static string Query(JobstatsConfig config, string cluster)
    {
        if (!SafeValue().IsMatch(cluster)) throw new PrometheusException($"cluster name \"{cluster}\" contains characters that cannot go into a query");
        var m = config.Metrics;
        var l = config.Labels;
        string selector = $"{{{l.Cluster}='{cluster}',{l.JobId}!=''}}";
        return $"max by ({l.JobId}) ({m.GpuDutyCycle}{selector} or ({m.GpuGraphicsUtilPercent}{selector} * 100))";
    }

    /// <summary>Idle seconds per raw job id, measured up to <paramref name="now"/> over the window the series cover.</summary>
    public static Dictionary<string, double> From(IReadOnlyList<Series> series, JobstatsConfig config, long now, long stepSeconds)
    {
        var idle = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var s in series)
        {
            var samples = s.Samples;
            if (samples.Count == 0) continue;
            // A series that stopped (exporter down, job's GPUs gone) says nothing about now.
            if (now - samples[^1].Time > 2 * stepSeconds + 60) continue;
            int lastBusy = -1;
            for (int i = samples.Count - 1; i >= 0; i--)
            {
                double v = samples[i].Value.Value;
                if (!(v == 0)) { lastBusy = i; break; } // NaN counts as busy: unknown is never idle
            }
            if (lastBusy == samples.Count - 1) { idle[s.Label(config.Labels.JobId)] = 0; continue; }
            double since = lastBusy < 0 ? samples[0].Time : samples[lastBusy].Time;
            idle[s.Label(config.Labels.JobId)] = Math.Max(0, now - since);
        }
        return idle;
    }
}
