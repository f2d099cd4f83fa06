using System.Globalization;
using System.Text;
using Jobstats.Metrics.Http;

namespace Jobstats.Exporter.Logging;

/// <summary>Line-oriented logger to stderr (data never goes there); one line per event, level filtered.</summary>
internal sealed class Log(LogLevel minimum, TextWriter? sink = null) : IMetricsServerLog
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
            $"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} level={level.ToString().ToLowerInvariant()} msg=\"{Escape(message)}\"");
        lock (_gate) _sink.WriteLine(line);
    }

    /// <summary>
    /// Messages carry bytes from cgroup files, ownership files and NVML: a newline there could forge a second log
    /// event, and terminal escapes or bidi controls could rewrite what an operator sees. So every control, format or
    /// line-separator character is written as an escape, and the backslash too so that an escape is never ambiguous.
    /// </summary>
    private static string Escape(string message)
    {
        var text = new StringBuilder(message.Length);
        foreach (var c in message)
        {
            switch (c)
            {
                case '"': text.Append('\''); break;
                case '\\': text.Append(@"\\"); break;
                case '\n': text.Append(@"\n"); break;
                case '\r': text.Append(@"\r"); break;
                case '\t': text.Append(@"\t"); break;
                default:
                    if (char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format
                        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
                        text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                    else
                        text.Append(c);
                    break;
            }
        }
        return text.ToString();
    }
}
