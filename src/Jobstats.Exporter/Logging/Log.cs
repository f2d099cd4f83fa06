using System.Globalization;

namespace Jobstats.Exporter.Logging;

/// <summary>Line-oriented logger to stderr (data never goes there); one line per event, level filtered.</summary>
public sealed class Log(LogLevel minimum, TextWriter? sink = null)
{
    private readonly TextWriter _sink = sink ?? Console.Error;
    private readonly Lock _gate = new();

    public LogLevel Minimum { get; } = minimum;

    public static bool TryParseLevel(string text, out LogLevel level) =>
        Enum.TryParse(text, ignoreCase: true, out level) && Enum.IsDefined(level) && !int.TryParse(text, out _);

    public void Debug(string message) => Write(LogLevel.Debug, message);
    public void Info(string message) => Write(LogLevel.Info, message);
    public void Warn(string message) => Write(LogLevel.Warn, message);
    public void Error(string message) => Write(LogLevel.Error, message);

    private void Write(LogLevel level, string message)
    {
        if (level < Minimum) return;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} level={level.ToString().ToLowerInvariant()} msg=\"{message.Replace("\"", "'")}\"");
        lock (_gate) _sink.WriteLine(line);
    }
}
