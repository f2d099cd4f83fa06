using System.Globalization;
using System.Text.RegularExpressions;
using Jobstats.Core.Config;
using Jobstats.Prometheus.Api;

namespace Jobstats.Prometheus.Queries;

/// <summary>
/// The PromQL a report needs for one job, in the node-dictionary order. Values go into single-quoted label
/// matchers, so each one is checked against a strict pattern first: nothing user-controlled reaches PromQL raw.
/// </summary>
public static partial class JobQueryBuilder
{
    public static IReadOnlyList<UsageQuery> Build(JobstatsConfig config, string cluster, string jobIdRaw, string? sluid,
        long runSeconds, int gpus)
    {
        // sacct supplies both; a value that fails here is bad data for this one job, reported as its error.
        if (!RawJobId().IsMatch(jobIdRaw)) throw new PrometheusException($"\"{jobIdRaw}\" is not a raw numeric job id, so no query can be built for it");
        if (!SafeValue().IsMatch(cluster)) throw new PrometheusException($"cluster name \"{cluster}\" contains characters that cannot go into a query");
        if (sluid is not null && !SafeValue().IsMatch(sluid)) sluid = null;

        string window = Math.Max(1, runSeconds).ToString(CultureInfo.InvariantCulture) + "s";
        LabelNames l = config.Labels;
        string[] cgroupIds = sluid is null ? [$"{l.JobId}='{jobIdRaw}'"] : [$"{l.JobId}='{jobIdRaw}'", $"{l.JobId}='{sluid}'"];
        return Queries(config, cluster, cgroupIds, $"{l.JobId}='{jobIdRaw}'", jobIdRaw, window, gpus > 0, activity: true);
    }

    /// <summary>
    /// The queries for many jobs of one cluster at once, one per figure (never one per job): their ids (raw ids, and
    /// SLUIDs on Slurm 26) in one regular-expression matcher. Every series keeps its <c>jobid</c> label, which tells
    /// the jobs apart. The window is the longest run among them: a job's series exist only while it ran, so a longer
    /// window adds no samples to a shorter job. GPU figures need the <c>jobid</c> label on GPU series (the default
    /// query mode); with the legacy mode the owner is a sample value, which no single query can join to many jobs, so
    /// there are no GPU queries (<paramref name="gpus"/> is then ignored).
    /// </summary>
    public static IReadOnlyList<UsageQuery> BuildForMany(JobstatsConfig config, string cluster, IReadOnlyCollection<string> ids,
        long longestRunSeconds, bool gpus)
    {
        if (!SafeValue().IsMatch(cluster)) throw new PrometheusException($"cluster name \"{cluster}\" contains characters that cannot go into a query");
        if (ids.Count == 0 || ids.Any(id => !RegexSafeId().IsMatch(id))) throw new ArgumentException("job ids must be non-empty letters, digits and _", nameof(ids));
        string window = Math.Max(1, longestRunSeconds).ToString(CultureInfo.InvariantCulture) + "s";
        string matcher = $"{config.Labels.JobId}=~'{string.Join('|', ids)}'";
        return Queries(config, cluster, [matcher], matcher, legacyOwner: null, window, gpus && config.GpuQuery == GpuQueryMode.JobIdLabel, activity: false);
    }

    private static List<UsageQuery> Queries(JobstatsConfig config, string cluster, IReadOnlyList<string> cgroupIds, string gpuId,
        string? legacyOwner, string window, bool gpus, bool activity)
    {
        MetricNames m = config.Metrics;
        LabelNames l = config.Labels;
        string CgroupSelector(string id) => $"{{{l.Cluster}='{cluster}',{id},{l.Step}='',{l.Task}=''}}";
        string EachId(Func<string, string> query) => string.Join(" or ", cgroupIds.Select(query));

        var queries = new List<UsageQuery>
        {
            new(UsageFigure.TotalMemory, EachId(id => $"max_over_time({m.MemoryTotalBytes}{CgroupSelector(id)}[{window}])")),
            new(UsageFigure.UsedMemory, EachId(id =>
                $"max_over_time((({m.MemoryRssBytes}{CgroupSelector(id)}+{m.MemoryShmemBytes}{CgroupSelector(id)}) or 1*{m.MemoryRssBytes}{CgroupSelector(id)})[{window}:])")),
            new(UsageFigure.TotalTime, EachId(id => $"max_over_time({m.CpuTotalSeconds}{CgroupSelector(id)}[{window}])")),
            new(UsageFigure.Cpus, EachId(id => $"max_over_time({m.Cpus}{CgroupSelector(id)}[{window}])")),
        };
        if (!gpus) return queries;

        if (config.GpuQuery == GpuQueryMode.JobIdLabel || legacyOwner is null)
        {
            string gpu = $"{{{l.Cluster}='{cluster}',{gpuId}}}";
            queries.Add(new(UsageFigure.GpuTotalMemory, $"max_over_time({m.GpuMemoryTotalBytes}{gpu}[{window}:])"));
            queries.Add(new(UsageFigure.GpuUsedMemory, $"max_over_time({m.GpuMemoryUsedBytes}{gpu}[{window}:])"));
            queries.Add(new(UsageFigure.GpuUtilization,
                $"avg_over_time(({m.GpuDutyCycle}{gpu} or ({m.GpuGraphicsUtilPercent}{gpu} * 100))[{window}:])"));
            if (activity)
                foreach (var (figure, metric) in Activity(m))
                    queries.Add(new(figure, $"avg_over_time(({metric}{gpu} * 100)[{window}:])"));
        }
        else
        {
            string c = $"{{{l.Cluster}='{cluster}'}}";
            string owner = $"{m.GpuJobId} == {legacyOwner}";
            queries.Add(new(UsageFigure.GpuTotalMemory, $"max_over_time(({m.GpuMemoryTotalBytes}{c} and {owner})[{window}:])"));
            queries.Add(new(UsageFigure.GpuUsedMemory, $"max_over_time(({m.GpuMemoryUsedBytes}{c} and {owner})[{window}:])"));
            queries.Add(new(UsageFigure.GpuUtilization,
                $"avg_over_time((({m.GpuDutyCycle}{c} or ({m.GpuGraphicsUtilPercent}{c} * 100)) and {owner})[{window}:])"));
            if (activity)
                foreach (var (figure, metric) in Activity(m))
                    queries.Add(new(figure, $"avg_over_time((({metric}{c} * 100) and {owner})[{window}:])"));
        }
        return queries;
    }

    /// <summary>
    /// The GPM activity figures: one query each for the whole job. Exporters without GPM (or GPUs before Hopper) have
    /// no such series, so these answer with nothing and the report and summary simply have no activity figures.
    /// </summary>
    private static (UsageFigure Figure, string Metric)[] Activity(MetricNames m) =>
    [
        (UsageFigure.GpuSmActive, m.GpuSmUtilPercent),
        (UsageFigure.GpuTensorActive, m.GpuAnyTensorUtilPercent),
        (UsageFigure.GpuDramActive, m.GpuDramBwUtilPercent),
    ];

    [GeneratedRegex(@"^[0-9]{1,18}$")]
    private static partial Regex RawJobId();

    [GeneratedRegex(@"^[A-Za-z0-9_.:\-]{1,128}$")]
    private static partial Regex SafeValue();

    // What may stand in a regular-expression matcher as itself: no '.', '|' or other metacharacter.
    [GeneratedRegex(@"^[A-Za-z0-9_]{1,128}$")]
    private static partial Regex RegexSafeId();

    /// <summary>True for an id that can go into the matcher of <see cref="BuildForMany"/> as it is.</summary>
    public static bool IsRegexSafeId(string id) => RegexSafeId().IsMatch(id);
}
