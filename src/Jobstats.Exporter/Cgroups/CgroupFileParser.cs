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
    public static ulong ParseSingleValue(ReadOnlySpan<char> content, string fileName)
    {
        var text = TrimOneNewline(content);
        return ParseUInt64(text, fileName);
    }

    /// <summary>memory.max: a number, or "max" meaning no limit (null).</summary>
    public static ulong? ParseLimit(ReadOnlySpan<char> content, string fileName)
    {
        var text = TrimOneNewline(content);
        return text.SequenceEqual("max") ? null : ParseUInt64(text, fileName);
    }

    /// <summary>"key value" lines (memory.stat, cpu.stat, cpuacct.stat, memory.events).</summary>
    public static Dictionary<string, ulong> ParseFlatKeyed(string content, string fileName)
    {
        // Spans, not Split and substrings: memory.stat has some 35 lines and is read for every cgroup in every scrape.
        var values = new Dictionary<string, ulong>(StringComparer.Ordinal);
        var lookup = values.GetAlternateLookup<ReadOnlySpan<char>>();
        var rest = WholeLines(content, fileName);
        while (NextEntry(ref rest, fileName, out var key, out var value))
            if (!lookup.TryAdd(key, value))
                throw new FormatException($"{fileName}: key '{Shorten(key)}' appears twice");
        return values;
    }

    /// <summary>
    /// The values of <paramref name="keys"/> in a "key value" file, every line checked as <see cref="ParseFlatKeyed"/>
    /// does but without building a dictionary (v1 memory.stat, read for every cgroup in every scrape). A wanted key
    /// missing or given twice is an error; other keys are only checked for shape.
    /// </summary>
    public static void ParseKeys(ReadOnlySpan<char> content, string fileName, ReadOnlySpan<string> keys, Span<ulong> values)
    {
        Span<bool> found = stackalloc bool[keys.Length];
        var rest = WholeLines(content, fileName);
        while (NextEntry(ref rest, fileName, out var key, out var value))
        {
            for (var i = 0; i < keys.Length; i++)
            {
                if (!key.SequenceEqual(keys[i])) continue;
                if (found[i]) throw new FormatException($"{fileName}: key '{Shorten(key)}' appears twice");
                found[i] = true;
                values[i] = value;
                break;
            }
        }
        for (var i = 0; i < keys.Length; i++)
            if (!found[i]) throw new FormatException($"{fileName}: no '{keys[i]}' line");
    }

    private static ReadOnlySpan<char> WholeLines(ReadOnlySpan<char> content, string fileName) =>
        content.Length > 0 && content[^1] != '\n' ? throw new FormatException($"{fileName}: truncated (no final newline)") : content;

    /// <summary>The next "key value" line of <paramref name="rest"/> (blank lines skipped), consumed from it; false at the end.</summary>
    private static bool NextEntry(ref ReadOnlySpan<char> rest, string fileName, out ReadOnlySpan<char> key, out ulong value)
    {
        while (rest.Length > 0)
        {
            var end = rest.IndexOf('\n');
            var line = rest[..end];
            rest = rest[(end + 1)..];
            if (line.Length == 0) continue;
            var space = line.IndexOf(' ');
            if (space <= 0 || space != line.LastIndexOf(' '))
                throw new FormatException($"{fileName}: malformed line '{Shorten(line)}'");
            key = line[..space];
            value = ParseUInt64(line[(space + 1)..], fileName);
            return true;
        }
        key = default;
        value = 0;
        return false;
    }

    /// <summary>Counts the CPUs in a list such as "0-3,8" (empty means none).</summary>
    public static int CountCpus(ReadOnlySpan<char> content, string fileName)
    {
        var text = TrimOneNewline(content);
        if (text.Length == 0) return 0;
        // Slurm's lists are one range or a few: a set (for overlapping parts) only when there are several.
        HashSet<int>? seen = text.Contains(',') ? [] : null;
        var count = 0;
        foreach (var range in text.Split(','))
        {
            var part = text[range];
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
            if (seen is null) count = last - first + 1;
            else for (var cpu = first; cpu <= last; cpu++) seen.Add(cpu);
        }
        return seen?.Count ?? count;
    }

    private static int ParseCpuIndex(ReadOnlySpan<char> text, string fileName)
    {
        var value = ParseUInt64(text, fileName);
        if (value > MaxCpuIndex) throw new FormatException($"{fileName}: CPU index {value} is out of range");
        return (int)value;
    }

    private static ulong ParseUInt64(ReadOnlySpan<char> text, string fileName)
    {
        if (text.Length == 0 || text.Length > 20 || text.ContainsAnyExceptInRange('0', '9'))
            throw new FormatException($"{fileName}: '{Shorten(text)}' is not an unsigned integer");
        if (!ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            throw new FormatException($"{fileName}: {Shorten(text)} does not fit in 64 bits");
        return value;
    }

    private static ReadOnlySpan<char> TrimOneNewline(ReadOnlySpan<char> content) => content.EndsWith('\n') ? content[..^1] : content;

    private static string Shorten(ReadOnlySpan<char> text) => text.Length <= 40 ? text.ToString() : string.Concat(text[..40], "...");
}
