using System.Buffers;
using System.Text;
using System.Text.Json;
using Jobstats.Core.Formatting;
using Jobstats.Core.Model;

namespace Jobstats.Core.Summary;

/// <summary>
/// Writes the node dictionary document <c>{"nodes":…,"total_time":…,"gpus":…}</c> that the AdminComment summary
/// carries and that <c>jobstats -j</c> prints. Integers stay integers and floats keep their decimal point, as the
/// tools that read this format expect.
/// </summary>
public static class NodeDictionaryJson
{
    /// <summary>Compact, keys in storage order (nodes, total_time, gpus; per node the query order).</summary>
    public static byte[] WriteCompact(JobUsage usage, long totalTime, int gpus)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("nodes");
            WriteNodes(writer, usage, sorted: false);
            writer.WriteNumber("total_time", totalTime);
            writer.WriteNumber("gpus", gpus);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Indented by 4 with keys sorted, the way <c>-j</c> has always printed it.</summary>
    public static string WritePretty(JobUsage usage, long totalTime, int gpus)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, IndentSize = 4, NewLine = "\n" }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("gpus", gpus);
            writer.WritePropertyName("nodes");
            WriteNodes(writer, usage, sorted: true);
            writer.WriteNumber("total_time", totalTime);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static void WriteNodes(Utf8JsonWriter writer, JobUsage usage, bool sorted)
    {
        writer.WriteStartObject();
        IEnumerable<string> names = sorted ? usage.Nodes.Keys.Order(StringComparer.Ordinal) : usage.Nodes.Keys;
        foreach (string name in names)
        {
            writer.WritePropertyName(name);
            WriteNode(writer, usage.Nodes[name], sorted);
        }
        writer.WriteEndObject();
    }

    private static void WriteNode(Utf8JsonWriter writer, NodeUsage node, bool sorted)
    {
        var entries = new List<(string Key, Action Write)>();
        void Scalar(string key, Figure? value)
        {
            if (value is { } v) entries.Add((key, () => { writer.WritePropertyName(key); WriteFigure(writer, v); }));
        }
        void Map(string key, OrderedDictionary<string, Figure>? map)
        {
            if (map is null) return;
            entries.Add((key, () =>
            {
                writer.WritePropertyName(key);
                writer.WriteStartObject();
                IEnumerable<string> minors = sorted ? map.Keys.Order(StringComparer.Ordinal) : map.Keys;
                foreach (string minor in minors)
                {
                    writer.WritePropertyName(minor);
                    WriteFigure(writer, map[minor]);
                }
                writer.WriteEndObject();
            }));
        }
        Scalar("total_memory", node.TotalMemory);
        Scalar("used_memory", node.UsedMemory);
        Scalar("total_time", node.TotalTime);
        Scalar("cpus", node.Cpus);
        Map("gpu_total_memory", node.GpuTotalMemory);
        Map("gpu_used_memory", node.GpuUsedMemory);
        Map("gpu_utilization", node.GpuUtilization);
        // Keys of our own, after upstream's: its readers look keys up by name and pass over these.
        Map(SummaryKeys.GpuSmActive, node.GpuSmActive);
        Map(SummaryKeys.GpuTensorActive, node.GpuTensorActive);
        Map(SummaryKeys.GpuDramActive, node.GpuDramActive);
        if (sorted) entries.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));

        writer.WriteStartObject();
        foreach (var entry in entries) entry.Write();
        writer.WriteEndObject();
    }

    public static void WriteFigure(Utf8JsonWriter writer, Figure figure)
    {
        if (figure.IsInteger) writer.WriteNumberValue((long)figure.Value);
        else writer.WriteRawValue(PythonNumbers.FloatRepr(figure.Value), skipInputValidation: false);
    }
}
