using Jobstats.Metrics.Http;

namespace Jobstats.Metrics.Tests.Support;

/// <summary>The server's log as "level message" lines, for assertions.</summary>
internal sealed class RecordingLog : IMetricsServerLog
{
    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get { lock (_gate) return [.. _lines]; }
    }

    public void Debug(string message) => Add("debug", message);
    public void Warn(string message) => Add("warn", message);
    public void Error(string message) => Add("error", message);

    private void Add(string level, string message)
    {
        lock (_gate) _lines.Add($"{level} {message}");
    }
}
