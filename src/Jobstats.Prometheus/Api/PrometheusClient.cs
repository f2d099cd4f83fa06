using System.Globalization;
using System.Net;

namespace Jobstats.Prometheus.Api;

/// <summary>
/// The two read endpoints of the Prometheus HTTP API (also served by Thanos, Mimir and VictoriaMetrics). Answers are
/// parsed as they arrive and cut off beyond <paramref name="maxResponseBytes"/>.
/// </summary>
public sealed class PrometheusClient(HttpClient http, string baseUrl, long maxResponseBytes = PrometheusClient.DefaultMaxResponseBytes)
{
    public const long DefaultMaxResponseBytes = 64L * 1024 * 1024;

    // An error answer is quoted, not parsed for series: a few KiB say all there is.
    private const int MaxErrorBodyBytes = 64 * 1024;

    private readonly string _baseUrl = baseUrl.TrimEnd('/');

    public string BaseUrl => _baseUrl;

    /// <summary>Shared with other clients to bound the queries in flight to one Prometheus; none by default.</summary>
    public QueryGate? Gate { get; init; }

    /// <summary>
    /// A limit for each request, counted from the moment the <see cref="Gate"/> lets it through, so waiting one's turn
    /// behind a burst is not mistaken for a Prometheus that does not answer. None by default (the caller's token bounds it).
    /// </summary>
    public TimeSpan? RequestTimeout { get; init; }

    /// <summary>Sent with every request: the store's bearer token or basic auth (<see cref="PrometheusConnections.AuthorizationFor"/>).</summary>
    public System.Net.Http.Headers.AuthenticationHeaderValue? Authorization { get; init; }

    /// <summary>
    /// Sent with instant queries as <c>step</c>: the resolution of a subquery that names none (<c>[1h:]</c>).
    /// Prometheus ignores it and uses its evaluation interval; VictoriaMetrics would otherwise use 5 minutes, and
    /// find no point at all in a job shorter than that. None by default.
    /// </summary>
    public long? SubqueryStepSeconds { get; init; }

    public Task<IReadOnlyList<Series>> QueryAsync(string query, long time, CancellationToken cancellationToken = default) =>
        GetAsync("/api/v1/query", $"query={Uri.EscapeDataString(query)}&time={time.ToString(CultureInfo.InvariantCulture)}" +
            (SubqueryStepSeconds is { } step ? $"&step={step.ToString(CultureInfo.InvariantCulture)}" : ""), cancellationToken);

    public Task<IReadOnlyList<Series>> QueryRangeAsync(string query, long start, long end, long stepSeconds,
        CancellationToken cancellationToken = default) =>
        GetAsync("/api/v1/query_range",
            $"query={Uri.EscapeDataString(query)}&start={start.ToString(CultureInfo.InvariantCulture)}" +
            $"&end={end.ToString(CultureInfo.InvariantCulture)}&step={stepSeconds.ToString(CultureInfo.InvariantCulture)}", cancellationToken);

    private async Task<IReadOnlyList<Series>> GetAsync(string path, string parameters, CancellationToken cancellationToken)
    {
        string url = _baseUrl + path + "?" + parameters;
        using IDisposable? slot = Gate is null ? null : await Gate.EnterAsync(cancellationToken).ConfigureAwait(false);
        if (RequestTimeout is not { } limit) return await SendAsync(url, cancellationToken).ConfigureAwait(false);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        try { return await SendAsync(url, deadline.Token).ConfigureAwait(false); }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        { throw new PrometheusException($"Prometheus at {_baseUrl} did not answer within {limit.TotalSeconds:0.#} s", e); }
    }

    private async Task<IReadOnlyList<Series>> SendAsync(string url, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        // Headers only: the default would buffer the whole body (up to 2 GB) before a byte of it is looked at.
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = Authorization;
        try { response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false); }
        catch (HttpRequestException e) { throw new PrometheusException($"cannot reach Prometheus at {_baseUrl}: {e.Message}", e); }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        { throw new PrometheusException($"Prometheus at {_baseUrl} did not answer in time", e); }
        using (response)
        {
            try
            {
                Stream raw = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                var body = new BoundedStream(raw, response.IsSuccessStatusCode ? maxResponseBytes : MaxErrorBodyBytes, TooLarge);
                await using var disposeBody = body.ConfigureAwait(false);
                if (response.IsSuccessStatusCode) return await ResponseParser.ParseAsync(body, cancellationToken).ConfigureAwait(false);
                // Prometheus reports bad queries as 400/422 with a JSON error body; use it when there is one.
                string text;
                try { text = await new StreamReader(body).ReadToEndAsync(cancellationToken).ConfigureAwait(false); }
                catch (PrometheusException) { text = ""; }
                if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                    throw new PrometheusException($"Prometheus at {_baseUrl} answered HTTP {(int)response.StatusCode} {ReasonOf(response.StatusCode)}: " +
                        (Authorization is null
                            ? "it wants credentials; give bearer_token_file or basic_auth for it in the config file"
                            : "it refused the credentials named in the config file (bearer_token_file or basic_auth)"));
                // The body is not quoted: an authenticating proxy may echo the credentials it refused (vmauth does).
                if (!text.TrimStart().StartsWith('{'))
                    throw new PrometheusException($"Prometheus at {_baseUrl} answered HTTP {(int)response.StatusCode} {ReasonOf(response.StatusCode)}" +
                        (Authorization is not null && response.StatusCode == HttpStatusCode.BadRequest
                            ? ": some proxies (vmauth among them) answer so to credentials they do not know; check the config file's bearer_token_file or basic_auth"
                            : ""));
                return ResponseParser.Parse(text);
            }
            catch (HttpRequestException e) { throw new PrometheusException($"the answer of Prometheus at {_baseUrl} broke off: {e.Message}", e); }
            catch (IOException e) { throw new PrometheusException($"the answer of Prometheus at {_baseUrl} broke off: {e.Message}", e); }
        }
    }

    private PrometheusException TooLarge() =>
        new($"Prometheus at {_baseUrl} sent an answer larger than {maxResponseBytes / (1024 * 1024)} MiB; gave up reading it " +
            "(prometheus.max_response_mib in the config file sets the limit)");

    private static string ReasonOf(HttpStatusCode code) => code.ToString();
}
