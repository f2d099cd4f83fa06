using System.Globalization;
using System.Net;

namespace Jobstats.Prometheus.Api;

/// <summary>The two read endpoints of the Prometheus HTTP API (also served by Thanos, Mimir and VictoriaMetrics).</summary>
public sealed class PrometheusClient(HttpClient http, string baseUrl)
{
    private readonly string _baseUrl = baseUrl.TrimEnd('/');

    public string BaseUrl => _baseUrl;

    public Task<IReadOnlyList<Series>> QueryAsync(string query, long time, CancellationToken cancellationToken = default) =>
        GetAsync("/api/v1/query", $"query={Uri.EscapeDataString(query)}&time={time.ToString(CultureInfo.InvariantCulture)}", cancellationToken);

    public Task<IReadOnlyList<Series>> QueryRangeAsync(string query, long start, long end, long stepSeconds,
        CancellationToken cancellationToken = default) =>
        GetAsync("/api/v1/query_range",
            $"query={Uri.EscapeDataString(query)}&start={start.ToString(CultureInfo.InvariantCulture)}" +
            $"&end={end.ToString(CultureInfo.InvariantCulture)}&step={stepSeconds.ToString(CultureInfo.InvariantCulture)}", cancellationToken);

    private async Task<IReadOnlyList<Series>> GetAsync(string path, string parameters, CancellationToken cancellationToken)
    {
        string url = _baseUrl + path + "?" + parameters;
        HttpResponseMessage response;
        try { response = await http.GetAsync(url, cancellationToken).ConfigureAwait(false); }
        catch (HttpRequestException e) { throw new PrometheusException($"cannot reach Prometheus at {_baseUrl}: {e.Message}", e); }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        { throw new PrometheusException($"Prometheus at {_baseUrl} did not answer in time", e); }
        using (response)
        {
            string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            // Prometheus reports bad queries as 400/422 with a JSON error body; use it when there is one.
            if (!response.IsSuccessStatusCode && !body.TrimStart().StartsWith('{'))
                throw new PrometheusException($"Prometheus at {_baseUrl} answered HTTP {(int)response.StatusCode} {ReasonOf(response.StatusCode)}");
            return ResponseParser.Parse(body);
        }
    }

    private static string ReasonOf(HttpStatusCode code) => code.ToString();
}
