namespace Jobstats.Metrics.Exposition;

/// <summary>The text formats a scrape is written in; the server picks one by the client's Accept header.</summary>
public enum ExpositionFormat
{
    PrometheusText,
    OpenMetrics,
}

internal static class ExpositionFormats
{
    public const string PrometheusTextContentType = "text/plain; version=0.0.4; charset=utf-8";
    public const string OpenMetricsContentType = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    /// <summary>OpenMetrics only when the client lists it in Accept (as Prometheus does); everything else gets the classic text format.</summary>
    public static ExpositionFormat Negotiate(string? accept) =>
        accept is not null && accept.Contains("application/openmetrics-text", StringComparison.OrdinalIgnoreCase)
            ? ExpositionFormat.OpenMetrics
            : ExpositionFormat.PrometheusText;

    public static string ContentType(ExpositionFormat format) =>
        format == ExpositionFormat.OpenMetrics ? OpenMetricsContentType : PrometheusTextContentType;
}
