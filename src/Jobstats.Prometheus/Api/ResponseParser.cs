using System.Globalization;
using System.Text.Json;

namespace Jobstats.Prometheus.Api;

/// <summary>
/// Reads the JSON envelope of /api/v1/query and /api/v1/query_range. Anything not shaped as Prometheus documents it
/// (a label that is not a string, a sample that is not a pair) is a <see cref="PrometheusException"/>, never a crash.
/// </summary>
internal static class ResponseParser
{
    public static IReadOnlyList<Series> Parse(string json)
    {
        JsonDocument document;
        try { document = JsonDocument.Parse(json); }
        catch (JsonException e) { throw NotJson(e); }
        using (document) return Read(document.RootElement);
    }

    /// <summary>Parses from a stream (the HTTP body, already bounded in size by the caller).</summary>
    public static async Task<IReadOnlyList<Series>> ParseAsync(Stream json, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try { document = await JsonDocument.ParseAsync(json, default, cancellationToken).ConfigureAwait(false); }
        catch (JsonException e) { throw NotJson(e); }
        using (document) return Read(document.RootElement);
    }

    private static PrometheusException NotJson(JsonException e) => new($"Prometheus sent a response that is not JSON: {e.Message}", e);

    private static IReadOnlyList<Series> Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("status", out JsonElement status))
            throw new PrometheusException("Prometheus sent JSON without a status");
        if (Text(status, "status") != "success")
        {
            string type = root.TryGetProperty("errorType", out JsonElement t) ? OptionalText(t) : "";
            string error = root.TryGetProperty("error", out JsonElement e) ? OptionalText(e) : "";
            throw new PrometheusException($"Prometheus refused the query ({type}): {error}".Replace(" ()", ""));
        }
        if (!root.TryGetProperty("data", out JsonElement data) || data.ValueKind != JsonValueKind.Object ||
            !data.TryGetProperty("resultType", out JsonElement resultType) || !data.TryGetProperty("result", out JsonElement result))
            throw new PrometheusException("Prometheus sent a success without data.result");
        return Text(resultType, "the result type") switch
        {
            "vector" => ReadSeries(result, single: true),
            "matrix" => ReadSeries(result, single: false),
            "scalar" => [new Series(new Dictionary<string, string>(), [ReadPoint(result)])],
            var other => throw new PrometheusException($"unexpected result type \"{other}\""),
        };
    }

    private static List<Series> ReadSeries(JsonElement result, bool single)
    {
        if (result.ValueKind != JsonValueKind.Array) throw new PrometheusException("data.result is not a list");
        var list = new List<Series>();
        foreach (JsonElement item in result.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object) throw new PrometheusException("a series in data.result is not an object");
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            if (item.TryGetProperty("metric", out JsonElement metric) && metric.ValueKind == JsonValueKind.Object)
                foreach (JsonProperty label in metric.EnumerateObject()) labels[label.Name] = Text(label.Value, $"label \"{label.Name}\"");
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
        double t;
        if (time.ValueKind == JsonValueKind.Number) t = time.GetDouble();
        else if (time.ValueKind != JsonValueKind.String ||
                 !double.TryParse(time.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out t))
            throw new PrometheusException("a sample time is not a number");
        if (value.ValueKind != JsonValueKind.String) throw new PrometheusException("a sample value is not a string");
        return (t, SampleValue.Parse(value.GetString()!));
    }

    private static string Text(JsonElement element, string what) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : throw new PrometheusException($"{what} is not a string");

    // The error fields only decorate a message; an odd type there must not hide the refusal itself.
    private static string OptionalText(JsonElement element) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();
}
