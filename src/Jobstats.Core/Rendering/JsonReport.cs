using System.Text.Json;
using System.Text.Json.Serialization;
using Jobstats.Core.Config;
using Jobstats.Core.Efficiency;
using Jobstats.Core.Notes;

namespace Jobstats.Core.Rendering;

public sealed record JsonReportDocument(IReadOnlyList<JsonJobReport> Jobs, IReadOnlyList<JsonJobError> Errors);

public sealed record JsonJobError(string JobId, string Message);

public sealed record JsonJobReport(
    string JobId, string JobIdRaw, string Cluster, string User, string Account, string JobName, string State,
    int Nodes, int Cores, string RequestedMemory, int Gpus, string Qos, string Partition, long? Start, long? End,
    long RunTimeSeconds, bool Running, long? TimeLimitSeconds, string Source, JsonOverall Overall,
    IReadOnlyList<JsonNode> NodeDetails, IReadOnlyList<JsonNote> Notes, IReadOnlyList<string> Messages);

public sealed record JsonOverall(
    double? CpuEfficiency, string? CpuError, long? CpuMemoryEfficiency, string? CpuMemoryError,
    double? GpuUtilization, string? GpuError, long? GpuMemoryEfficiency, string? GpuMemoryError, long? TimeEfficiency);

public sealed record JsonNode(string Name, double? CpuSeconds, double? Cores, double? MemoryUsedBytes,
    double? MemoryAllocatedBytes, IReadOnlyList<JsonGpu> Gpus);

public sealed record JsonGpu(string Minor, double? Utilization, double? MemoryUsedBytes, double? MemoryTotalBytes)
{
    // GPM activity (percent): only GPUs that report it carry these keys, so other reports are unchanged.
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? SmActive { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? TensorActive { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? DramActive { get; init; }
}

public sealed record JsonNote(string Name, string Style, string Text);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(JsonReportDocument))]
internal sealed partial class JsonReportContext : JsonSerializerContext;

/// <summary>The whole report as one machine-readable document (<c>--format json</c>).</summary>
public static class JsonReport
{
    public static JsonJobReport Build(JobAnalysis job, JobstatsConfig config, string displayJobId, IReadOnlyList<string> messages)
    {
        var r = job.Record;
        var nodes = new List<JsonNode>();
        foreach (var (name, node) in job.Usage.Nodes)
        {
            var gpus = new List<JsonGpu>();
            var minors = Keys(node.GpuUtilization).Concat(Keys(node.GpuTotalMemory)).Concat(Keys(node.GpuUsedMemory))
                .Concat(Keys(node.GpuSmActive)).Concat(Keys(node.GpuTensorActive)).Concat(Keys(node.GpuDramActive)).Distinct();
            foreach (string minor in Reductions.OrderMinors(minors))
                gpus.Add(new JsonGpu(minor, Get(node.GpuUtilization, minor), Get(node.GpuUsedMemory, minor), Get(node.GpuTotalMemory, minor))
                {
                    SmActive = Get(node.GpuSmActive, minor),
                    TensorActive = Get(node.GpuTensorActive, minor),
                    DramActive = Get(node.GpuDramActive, minor),
                });
            nodes.Add(new JsonNode(name, node.TotalTime?.Value, node.Cpus?.Value, node.UsedMemory?.Value, node.TotalMemory?.Value, gpus));
        }

        var notes = new List<JsonNote>();
        if (job.HasUsage && job.AllFiguresValid)
        {
            var figures = JobFigures.From(job, config);
            foreach (NoteRule rule in config.NoteRules.Where(rule => rule.Fires(figures)))
                notes.Add(new JsonNote(rule.Name, rule.Style switch { NoteStyle.BoldRed => "bold-red", NoteStyle.Bold => "bold", _ => "normal" },
                    string.Join("\n", rule.Render(figures))));
        }

        bool cpuOk = job.HasUsage && job.Cpu.Error == UsageError.None, memOk = job.HasUsage && job.Memory.Error == UsageError.None;
        var overall = new JsonOverall(
            cpuOk ? job.CpuEfficiencyPercent : null, job.HasUsage && !cpuOk ? ErrorTexts.Cpu(job.Cpu.Error).Trim('(', ')') : null,
            memOk ? job.MemoryPercent : null, job.HasUsage && !memOk ? ErrorTexts.Memory(job.Memory.Error).Trim('(', ')') : null,
            job.Gpu is { Error: UsageError.None } g ? Formatting.PythonNumbers.Round(g.Mean, 1) : null,
            job.HasUsage && job.Gpu is { Error: not UsageError.None } ge ? ErrorTexts.Gpu(ge.Error).Trim('(', ')') : null,
            job.GpuMemory is { Error: UsageError.None } ? job.GpuMemoryPercent : null,
            job.HasUsage && job.GpuMemory is { Error: not UsageError.None } me ? ErrorTexts.GpuMemory(me.Error).Trim('(', ')') : null,
            job.TimeEfficiency);

        string source = job.Source switch { UsageSource.Summary => "summary", UsageSource.Prometheus => "prometheus", _ => "none" };
        return new JsonJobReport(displayJobId, r.JobIdRaw, r.Cluster, r.User, r.Account, r.JobName, r.State, r.Nodes, r.Cores,
            r.ReqMem, r.Gpus, r.Qos, r.Partition, r.Start, r.End, job.RunSeconds, r.IsRunning, r.TimeLimitMinutes * 60, source,
            overall, nodes, notes, messages);
    }

    public static string Serialize(JsonReportDocument document) =>
        JsonSerializer.Serialize(document, JsonReportContext.Default.JsonReportDocument);

    private static IEnumerable<string> Keys(OrderedDictionary<string, Model.Figure>? map) => map is null ? [] : map.Keys;

    private static double? Get(OrderedDictionary<string, Model.Figure>? map, string key) =>
        map is not null && map.TryGetValue(key, out var figure) ? figure.Value : null;
}
