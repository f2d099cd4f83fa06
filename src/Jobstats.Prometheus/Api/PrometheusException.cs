namespace Jobstats.Prometheus.Api;

/// <summary>
/// Prometheus could not be reached, refused a query or answered something unreadable, or the job's data cannot go
/// into a query at all.
/// </summary>
public sealed class PrometheusException(string message, Exception? inner = null) : Exception(message, inner);
