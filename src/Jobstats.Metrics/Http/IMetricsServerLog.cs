namespace Jobstats.Metrics.Http;

/// <summary>
/// Where <see cref="MetricsServer"/> reports what happens to connections, in the program's own log. Messages carry
/// exception text only, never request bytes; the program's logger still escapes them as it would any other message.
/// </summary>
public interface IMetricsServerLog
{
    /// <summary>A connection ended early (timed out, reset, dropped to make room): routine, for debugging only.</summary>
    void Debug(string message);

    /// <summary>Accepting failed (out of file descriptors, say); at most one every 10 s, however often it happens.</summary>
    void Warn(string message);

    /// <summary>A request failed unexpectedly, the scrape function's exceptions included; the server keeps serving.</summary>
    void Error(string message);
}
