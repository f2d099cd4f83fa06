using System.Globalization;
using System.Text.Json;

namespace Jobstats.Prometheus.Api;

/// <summary>Reads the JSON envelope of /api/v1/query and /api/v1/query_range.</summary>
public static class ResponseParser
{
    public static IReadOnlyList<Series> Parse(string json)
    {
        JsonDocument document;
        try { document = JsonDocument.Parse(json); }
        catch (JsonException e) { throw new PrometheusException($"Prometheus sent a response that is not JSON: {e.Message}", e); }
        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("status", out JsonElement status))
                throw new PrometheusException("Prometheus sent JSON without a status");
            if (status.GetString() != "success")
            {
                string type = root.TryGetProperty("errorType", out JsonElement t) ? t.GetString() ?? "" : "";
                string error = root.TryGetProperty("error", out JsonElement e) ? e.GetString() ?? "" : "";
                throw new PrometheusException($"Prometheus refused the query ({type}): {error}".Replace(" ()", ""));
            }
            if (!root.TryGetProperty("data", out JsonElement data) || data.ValueKind != JsonValueKind.Object ||
                !data.TryGetProperty("resultType", out JsonElement resultType) || !data.TryGetProperty("result", out JsonElement result))
                throw new PrometheusException("Prometheus sent a success without data.result");
            return resultType.GetString() switch
            {
                "vector" => ReadSeries(result, single: true),
                "matrix" => ReadSeries(result, single: false),
                "scalar" => [new Series(new Dictionary<string, string>(), [ReadPoint(result)])],
                var other => throw new PrometheusException($"unexpected result type \"{other}\""),
            };
        }
    }

    private static List<Series> ReadSeries(JsonElement result, bool single)
    {
        if (result.ValueKind != JsonValueKind.Array) throw new PrometheusException("data.result is not a list");
        var list = new List<Series>();
        foreach (JsonElement item in result.EnumerateArray())
        {
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            if (item.TryGetProperty("metric", out JsonElement metric) && metric.ValueKind == JsonValueKind.Object)
                foreach (JsonProperty label in metric.EnumerateObject()) labels[label.Name] = label.Value.GetString() ?? "";
            var samples = new List<(double, SampleValue)>();
            if (single)
            {
                if (!item.TryGetProperty("value", out JsonElement value)) throw new PrometheusException("a vector sample has no value");
                samples.Add(ReadPoint(value));
            }
            else
            {
                if (!item.TryGetProperty("values", out JsonElement values) || values.ValueKind != JsonValueKind.Array)
                    throw new PrometheusException("a matrix series has no values");
                foreach (JsonElement point in values.EnumerateArray()) samples.Add(ReadPoint(point));
            }
            list.Add(new Series(labels, samples));
        }
        return list;
    }

    private static (double, SampleValue) ReadPoint(JsonElement point)
    {
        if (point.ValueKind != JsonValueKind.Array || point.GetArrayLength() != 2)
            throw new PrometheusException("a sample is not a [time, value] pair");
        JsonElement time = point[0], value = point[1];
        double t = time.ValueKind == JsonValueKind.Number ? time.GetDouble()
            : double.Parse(time.GetString() ?? "0", NumberStyles.Float, CultureInfo.InvariantCulture);
        if (value.ValueKind != JsonValueKind.String) throw new PrometheusException("a sample value is not a string");
        return (t, SampleValue.Parse(value.GetString()!));
    }
}
