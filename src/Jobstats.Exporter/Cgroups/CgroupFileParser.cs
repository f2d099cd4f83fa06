using System.Globalization;

namespace Jobstats.Exporter.Cgroups;

/// <summary>
/// Strict parsers for the few cgroup file shapes we read. Anything that is not exactly the expected shape
/// (half-written value, garbage, a number that overflows) is a <see cref="FormatException"/>: a wrong value
/// must never be exported as if it were right.
/// </summary>
internal static class CgroupFileParser
{
    /// <summary>Largest CPU index accepted in a cpu list; guards against hostile ranges like 0-4294967295.</summary>
    public const int MaxCpuIndex = 1 << 16;

    /// <summary>A file holding one unsigned integer and an optional trailing newline (cpuacct.usage, memory.current, ...).</summary>
    public static ulong ParseSingleValue(string content, string fileName)
    {
        var text = TrimOneNewline(content);
        return ParseUInt64(text, fileName);
    }

    /// <summary>memory.max: a number, or "max" meaning no limit (null).</summary>
    public static ulong? ParseLimit(string content, string fileName)
    {
        var text = TrimOneNewline(content);
        return text == "max" ? null : ParseUInt64(text, fileName);
    }

    /// <summary>"key value" lines (memory.stat, cpu.stat, cpuacct.stat, memory.events).</summary>
    public static Dictionary<string, ulong> ParseFlatKeyed(string content, string fileName)
    {
        if (content.Length > 0 && content[^1] != '\n')
            throw new FormatException($"{fileName}: truncated (no final newline)");
        var values = new Dictionary<string, ulong>(StringComparer.Ordinal);
        foreach (var line in content.Split('\n'))
        {
            if (line.Length == 0) continue;
            var space = line.IndexOf(' ');
            if (space <= 0 || space != line.LastIndexOf(' '))
                throw new FormatException($"{fileName}: malformed line '{Shorten(line)}'");
            var key = line[..space];
            if (!values.TryAdd(key, ParseUInt64(line[(space + 1)..], fileName)))
                throw new FormatException($"{fileName}: key '{Shorten(key)}' appears twice");
        }
        return values;
    }

    /// <summary>Counts the CPUs in a list such as "0-3,8" (empty means none).</summary>
    public static int CountCpus(string content, string fileName)
    {
        var text = TrimOneNewline(content);
        if (text.Length == 0) return 0;
        var seen = new HashSet<int>();
        foreach (var part in text.Split(','))
        {
            var dash = part.IndexOf('-');
            int first, last;
            if (dash < 0)
            {
                first = last = ParseCpuIndex(part, fileName);
            }
            else
            {
                first = ParseCpuIndex(part[..dash], fileName);
                last = ParseCpuIndex(part[(dash + 1)..], fileName);
                if (last < first) throw new FormatException($"{fileName}: descending range '{Shorten(part)}'");
            }
            for (var cpu = first; cpu <= last; cpu++) seen.Add(cpu);
        }
        return seen.Count;
    }

    private static int ParseCpuIndex(string text, string fileName)
    {
        var value = ParseUInt64(text, fileName);
        if (value > MaxCpuIndex) throw new FormatException($"{fileName}: CPU index {value} is out of range");
        return (int)value;
    }

    private static ulong ParseUInt64(string text, string fileName)
    {
        if (text.Length == 0 || text.Length > 20 || !text.All(char.IsAsciiDigit))
            throw new FormatException($"{fileName}: '{Shorten(text)}' is not an unsigned integer");
        if (!ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            throw new FormatException($"{fileName}: {Shorten(text)} does not fit in 64 bits");
        return value;
    }

    private static string TrimOneNewline(string content) => content.EndsWith('\n') ? content[..^1] : content;

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
