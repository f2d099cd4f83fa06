using System.Text.Json;

namespace Jobstats.Integration.Tests.EndToEnd;

/// <summary>
/// The figures the end-to-end test needs from `jobstats --format json` (jobs[0]: source, overall.cpu_efficiency,
/// node_details[].memory_used_bytes) and from `jobstats -j` (the classic node dictionary: nodes.NAME.{cpus,
/// total_time, used_memory}, total_time).
/// </summary>
public sealed record JobstatsJson(string Source, double CpuEfficiencyPercent, double MemoryUsedBytes)
{
    public static JobstatsJson ParseReport(string json)
    {
        using var document = Parse(json, "jobstats --format json");
        var jobs = Required(document.RootElement, "jobs");
        if (jobs.ValueKind != JsonValueKind.Array || jobs.GetArrayLength() == 0)
            throw new FormatException($"jobstats --format json reported no job: {json}");
        var job = jobs[0];
        var overall = Required(job, "overall");
        var cpu = Required(overall, "cpu_efficiency");
        if (cpu.ValueKind != JsonValueKind.Number)
            throw new FormatException($"no CPU efficiency in the report: {overall}");
        var memory = Required(job, "node_details").EnumerateArray()
            .Sum(node => Required(node, "memory_used_bytes") is { ValueKind: JsonValueKind.Number } used ? used.GetDouble() : 0);
        return new JobstatsJson(Required(job, "source").GetString() ?? "", cpu.GetDouble(), memory);
    }

    /// <summary>The classic `-j` dictionary, node by node: (cpus, cpu seconds, used memory bytes), plus run time.</summary>
    public static (IReadOnlyDictionary<string, (double Cpus, double CpuSeconds, double UsedMemory)> Nodes, double RunSeconds)
        ParseNodeDictionary(string json)
    {
        using var document = Parse(json, "jobstats -j");
        var nodes = new Dictionary<string, (double, double, double)>(StringComparer.Ordinal);
        foreach (var node in Required(document.RootElement, "nodes").EnumerateObject())
        {
            nodes[node.Name] = (Required(node.Value, "cpus").GetDouble(), Required(node.Value, "total_time").GetDouble(),
                Required(node.Value, "used_memory").GetDouble());
        }
        return (nodes, Required(document.RootElement, "total_time").GetDouble());
    }

    private static JsonDocument Parse(string json, string what)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{what} printed no JSON ({e.Message}): {json}", e);
        }
    }

    private static JsonElement Required(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value
            : throw new FormatException($"no '{name}' in {element}");
}
