namespace Jobstats.Prometheus.Api;

/// <summary>Prometheus could not be reached, refused a query or answered something unreadable.</summary>
public sealed class PrometheusException(string message, Exception? inner = null) : Exception(message, inner);
