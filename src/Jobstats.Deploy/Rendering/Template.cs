using System.Text;
using System.Text.RegularExpressions;

namespace Jobstats.Deploy.Rendering;

/// <summary>
/// <c>{{name}}</c> substitution. A placeholder without a value, or a value never used, is a bug in the caller,
/// so both throw instead of producing a half-rendered file.
/// </summary>
internal static partial class Template
{
    [GeneratedRegex(@"\{\{([a-z_]+)\}\}")]
    private static partial Regex Placeholder();

    public static string Render(string name, string template, IReadOnlyDictionary<string, string> values)
    {
        var used = new HashSet<string>();
        var result = Placeholder().Replace(template, m =>
        {
            var key = m.Groups[1].Value;
            if (!values.TryGetValue(key, out var value)) throw new InvalidOperationException($"template {name}: no value for {{{{{key}}}}}");
            used.Add(key);
            return value;
        });
        var unused = values.Keys.Where(k => !used.Contains(k)).ToList();
        if (unused.Count > 0) throw new InvalidOperationException($"template {name}: values never used: {string.Join(", ", unused)}");
        return result;
    }
}
