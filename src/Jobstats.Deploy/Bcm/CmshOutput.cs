using Jobstats.Deploy.Inventories;

namespace Jobstats.Deploy.Bcm;

/// <summary>Parsers for cmsh's text output: column tables (<c>list</c>) and single values (<c>get</c>).</summary>
internal static class CmshOutput
{
    /// <summary>
    /// Host names from <c>device; list</c>: a header row naming a "Hostname" column, a dashed rule, then rows.
    /// Column positions come from the rule, since values never contain spaces in that column.
    /// </summary>
    public static IReadOnlyList<string> ParseDeviceList(string output)
    {
        var lines = output.Replace("\r", "").Split('\n');
        var header = Array.FindIndex(lines, l => l.Contains("Hostname", StringComparison.Ordinal));
        if (header < 0) throw new CmshException("cmsh device list has no Hostname column");
        var columns = SplitColumns(lines[header]);
        var index = columns.FindIndex(c => c.StartsWith("Hostname", StringComparison.Ordinal));
        var hosts = new List<string>();
        foreach (var line in lines.Skip(header + 1))
        {
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('-')) continue;
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length <= index) throw new CmshException($"cmsh device list row has too few columns: '{line.Trim()}'");
            var host = fields[index];
            if (!HostNames.IsValid(host)) throw new CmshException($"cmsh returned an invalid host name '{host}'");
            hosts.Add(host);
        }
        return hosts;
    }

    /// <summary>The value printed by <c>get</c>: the last non-empty line, trimmed.</summary>
    public static string ParseSingleValue(string output)
    {
        var line = output.Replace("\r", "").Split('\n').LastOrDefault(l => l.Trim().Length > 0);
        return line?.Trim() ?? "";
    }

    private static List<string> SplitColumns(string header)
    {
        // Header names can contain one space ("Hostname (key)"); columns are separated by two or more.
        return System.Text.RegularExpressions.Regex.Split(header.Trim(), "\\s{2,}").ToList();
    }
}
