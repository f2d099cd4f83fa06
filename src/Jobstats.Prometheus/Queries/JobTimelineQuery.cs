using System.Globalization;
using Jobstats.Core.Config;
using Jobstats.Core.Model;
using Jobstats.Core.Timeline;
using Jobstats.Prometheus.Api;

namespace Jobstats.Prometheus.Queries;

/// <summary>
/// A job's usage over its run from range queries: one query per figure for the whole job (CPU utilisation, memory,
/// GPU utilisation with one series per GPU), never one per node or per GPU. Ids go into PromQL only after the same
/// checks as <see cref="JobQueryBuilder"/>.
/// </summary>
public sealed class JobTimelineQuery(JobstatsConfig config, PrometheusClient client, Action<string>? debug = null)
{
    /// <param name="sluid">Slurm 26's id of the job, which labels its cgroup v2 series; null before 26.</param>
    public async Task<JobTimeline> ReadAsync(JobRecord record, string? sluid, long start, long end, long step, CancellationToken cancellationToken)
    {
        IReadOnlyList<(string Name, string Query)> queries = Build(config, record, sluid, step);
        var rows = new List<TimelineSeries>();
        int points = TimelineStep.Points(start, end, step);
        IReadOnlyList<Series> memoryTotal = [];
        foreach (var (name, query) in queries)
        {
            debug?.Invoke(string.Create(CultureInfo.InvariantCulture, $"range query start={start} end={end} step={step}: {query}"));
            IReadOnlyList<Series> result = await client.QueryRangeAsync(query, start, end, step, cancellationToken).ConfigureAwait(false);
            switch (name)
            {
                case "cpu":
                    if (result.Count > 0) rows.Add(new TimelineSeries("CPU", TimelineUnit.Percent, Place(result[0], start, step, points), 100));
                    break;
                case "memory_total":
                    memoryTotal = result;
                    break;
                case "memory":
                    if (result.Count > 0)
                    {
                        var values = Place(result[0], start, step, points);
                        double ceiling = memoryTotal.Count > 0 ? memoryTotal[0].Samples.Select(s => s.Value.Value).Where(double.IsFinite).DefaultIfEmpty(0).Max() : 0;
                        if (!(ceiling > 0)) ceiling = values.Where(v => v is not null).Select(v => v!.Value).DefaultIfEmpty(1).Max();
                        rows.Add(new TimelineSeries("memory", TimelineUnit.Bytes, values, ceiling));
                    }
                    break;
                case "gpu":
                    // One series per GPU: by host, then by minor number, so the rows keep the order nvidia-smi shows.
                    var gpus = result.OrderBy(s => s.Label(config.Labels.Instance), StringComparer.Ordinal)
                        .ThenBy(s => int.TryParse(s.Label(config.Labels.MinorNumber), NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : int.MaxValue)
                        .ToList();
                    bool manyHosts = gpus.Select(s => s.Label(config.Labels.Instance)).Distinct().Count() > 1;
                    foreach (Series gpu in gpus)
                    {
                        string host = gpu.Label(config.Labels.Instance).Split(':')[0];
                        string label = "GPU " + gpu.Label(config.Labels.MinorNumber);
                        rows.Add(new TimelineSeries(manyHosts ? host + " " + label : label, TimelineUnit.Percent, Place(gpu, start, step, points), 100));
                    }
                    break;
            }
        }
        return new JobTimeline(start, end, step, rows);
    }

    /// <summary>The PromQL of a timeline, by figure: "cpu", "memory_total", "memory", then "gpu" for a GPU job.</summary>
    public static IReadOnlyList<(string Name, string Query)> Build(JobstatsConfig config, JobRecord record, string? sluid, long step)
    {
        // The same checks and selectors as the report's queries: build them once to validate the ids.
        JobQueryBuilder.Build(config, record.Cluster, record.JobIdRaw, sluid, 1, 0);
        MetricNames m = config.Metrics;
        LabelNames l = config.Labels;
        string[] ids = sluid is null || !JobQueryBuilder.IsRegexSafeId(sluid) ? [record.JobIdRaw] : [record.JobIdRaw, sluid];
        string Cgroup(string id) => $"{{{l.Cluster}='{record.Cluster}',{l.JobId}='{id}',{l.Step}='',{l.Task}=''}}";
        string EachId(Func<string, string> query) => string.Join(" or ", ids.Select(id => "(" + query(id) + ")"));
        // A rate needs two samples: never a window shorter than two common scrape intervals (30 s).
        string window = Math.Max(step, 60).ToString(CultureInfo.InvariantCulture) + "s";

        var queries = new List<(string, string)>
        {
            ("cpu", EachId(id => $"100 * sum(rate({m.CpuTotalSeconds}{Cgroup(id)}[{window}])) / sum({m.Cpus}{Cgroup(id)})")),
            ("memory_total", EachId(id => $"sum({m.MemoryTotalBytes}{Cgroup(id)})")),
            ("memory", EachId(id => $"sum(({m.MemoryRssBytes}{Cgroup(id)} + {m.MemoryShmemBytes}{Cgroup(id)}) or {m.MemoryRssBytes}{Cgroup(id)})")),
        };
        if (record.Gpus > 0)
        {
            if (config.GpuQuery == GpuQueryMode.JobIdLabel)
            {
                string gpu = $"{{{l.Cluster}='{record.Cluster}',{l.JobId}='{record.JobIdRaw}'}}";
                queries.Add(("gpu", $"{m.GpuDutyCycle}{gpu} or ({m.GpuGraphicsUtilPercent}{gpu} * 100)"));
            }
            else
            {
                string c = $"{{{l.Cluster}='{record.Cluster}'}}";
                queries.Add(("gpu", $"({m.GpuDutyCycle}{c} or ({m.GpuGraphicsUtilPercent}{c} * 100)) and ({m.GpuJobId}{c} == {record.JobIdRaw})"));
            }
        }
        return queries;
    }

    /// <summary>A range result's samples at their step positions; a step with no sample stays null.</summary>
    public static double?[] Place(Series series, long start, long step, int points)
    {
        var values = new double?[points];
        foreach (var (time, value) in series.Samples)
        {
            long index = (long)Math.Round((time - start) / step);
            if (index >= 0 && index < points && value.IsFinite) values[index] = value.Value;
        }
        return values;
    }
}
