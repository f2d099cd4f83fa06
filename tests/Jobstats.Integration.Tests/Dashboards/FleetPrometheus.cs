using System.Globalization;
using System.Text.Json;
using Jobstats.Testing;

namespace Jobstats.Integration.Tests.Dashboards;

/// <summary>One series of a query's answer: its labels and its values (one for an instant query).</summary>
internal sealed record Series(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<double> Values)
{
    public string this[string label] => Labels.GetValueOrDefault(label, "");
    public double Value => Values[^1];
}

/// <summary>
/// A real Prometheus serving <see cref="FleetHistory"/> (a TSDB promtool built), asked through its HTTP API as
/// Grafana asks it. Shared by the tests of one class.
/// </summary>
public sealed class FleetPrometheus : IAsyncLifetime
{
    private readonly TempDirectory _work = new("jobstats-fleet-dashboard-");
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private HistoryPrometheus? _prometheus;

    private string Url => _prometheus?.Url ?? throw new InvalidOperationException("not started");

    public async ValueTask InitializeAsync() => _prometheus = await HistoryPrometheus.StartAsync(_work.Path, FleetHistory.Build());

    public async ValueTask DisposeAsync()
    {
        if (_prometheus is not null) await _prometheus.DisposeAsync();
        _http.Dispose();
        _work.Dispose();
    }

    /// <summary>An instant query at the end of the history (a stat, bar gauge or table panel).</summary>
    internal Task<IReadOnlyList<Series>> InstantAsync(string query) =>
        GetAsync($"/api/v1/query?query={Uri.EscapeDataString(query)}&time={FleetHistory.End}");

    /// <summary>A range query over the dashboard's range, one step per interval (a time series panel).</summary>
    internal Task<IReadOnlyList<Series>> RangeAsync(string query) =>
        GetAsync($"/api/v1/query_range?query={Uri.EscapeDataString(query)}&start={FleetHistory.End - FleetDashboard.RangeSeconds}" +
                 $"&end={FleetHistory.End}&step={FleetDashboard.IntervalSeconds}");

    /// <summary>What a label_values(selector, label) variable query lists over the dashboard's range.</summary>
    internal async Task<IReadOnlyList<string>> LabelValuesAsync(string selector, string label)
    {
        using var doc = await GetJsonAsync($"/api/v1/label/{label}/values?match[]={Uri.EscapeDataString(selector)}" +
                                           $"&start={FleetHistory.End - FleetDashboard.RangeSeconds}&end={FleetHistory.End}");
        return [.. doc.RootElement.GetProperty("data").EnumerateArray().Select(v => v.GetString()!)];
    }

    private async Task<IReadOnlyList<Series>> GetAsync(string path)
    {
        using var doc = await GetJsonAsync(path);
        var data = doc.RootElement.GetProperty("data");
        Assert.Contains(data.GetProperty("resultType").GetString(), new[] { "vector", "matrix" });
        var series = new List<Series>();
        foreach (var item in data.GetProperty("result").EnumerateArray())
        {
            var labels = item.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
            var values = item.TryGetProperty("values", out var many)
                ? many.EnumerateArray().Select(Number).ToList()
                : [Number(item.GetProperty("value"))];
            series.Add(new Series(labels, values));
        }
        return series;
    }

    private async Task<JsonDocument> GetJsonAsync(string path)
    {
        using var response = await _http.GetAsync(Url + path);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        var doc = JsonDocument.Parse(body);
        Assert.Equal("success", doc.RootElement.GetProperty("status").GetString());
        return doc;
    }

    private static double Number(JsonElement pair) => double.Parse(pair[1].GetString()!, CultureInfo.InvariantCulture);
}
