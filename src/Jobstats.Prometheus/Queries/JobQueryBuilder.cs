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

        MetricNames m = config.Metrics;
        LabelNames l = config.Labels;
        string window = Math.Max(1, runSeconds).ToString(CultureInfo.InvariantCulture) + "s";

        string CgroupSelector(string id) => $"{{{l.Cluster}='{cluster}',{l.JobId}='{id}',{l.Step}='',{l.Task}=''}}";
        string WithSluid(Func<string, string> query) =>
            sluid is null ? query(jobIdRaw) : $"{query(jobIdRaw)} or {query(sluid)}";

        var queries = new List<UsageQuery>
        {
            new(UsageFigure.TotalMemory, WithSluid(id => $"max_over_time({m.MemoryTotalBytes}{CgroupSelector(id)}[{window}])")),
            new(UsageFigure.UsedMemory, WithSluid(id =>
                $"max_over_time((({m.MemoryRssBytes}{CgroupSelector(id)}+{m.MemoryShmemBytes}{CgroupSelector(id)}) or 1*{m.MemoryRssBytes}{CgroupSelector(id)})[{window}:])")),
            new(UsageFigure.TotalTime, WithSluid(id => $"max_over_time({m.CpuTotalSeconds}{CgroupSelector(id)}[{window}])")),
            new(UsageFigure.Cpus, WithSluid(id => $"max_over_time({m.Cpus}{CgroupSelector(id)}[{window}])")),
        };
        if (gpus <= 0) return queries;

        if (config.GpuQuery == GpuQueryMode.JobIdLabel)
        {
            string gpu = $"{{{l.Cluster}='{cluster}',{l.JobId}='{jobIdRaw}'}}";
            queries.Add(new(UsageFigure.GpuTotalMemory, $"max_over_time({m.GpuMemoryTotalBytes}{gpu}[{window}:])"));
            queries.Add(new(UsageFigure.GpuUsedMemory, $"max_over_time({m.GpuMemoryUsedBytes}{gpu}[{window}:])"));
            queries.Add(new(UsageFigure.GpuUtilization,
                $"avg_over_time(({m.GpuDutyCycle}{gpu} or ({m.GpuGraphicsUtilPercent}{gpu} * 100))[{window}:])"));
            foreach (var (figure, metric) in Activity(m))
                queries.Add(new(figure, $"avg_over_time(({metric}{gpu} * 100)[{window}:])"));
        }
        else
        {
            string c = $"{{{l.Cluster}='{cluster}'}}";
            string owner = $"{m.GpuJobId} == {jobIdRaw}";
            queries.Add(new(UsageFigure.GpuTotalMemory, $"max_over_time(({m.GpuMemoryTotalBytes}{c} and {owner})[{window}:])"));
            queries.Add(new(UsageFigure.GpuUsedMemory, $"max_over_time(({m.GpuMemoryUsedBytes}{c} and {owner})[{window}:])"));
            queries.Add(new(UsageFigure.GpuUtilization,
                $"avg_over_time((({m.GpuDutyCycle}{c} or ({m.GpuGraphicsUtilPercent}{c} * 100)) and {owner})[{window}:])"));
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
}
