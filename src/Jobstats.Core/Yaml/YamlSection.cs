using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Jobstats.Core.Yaml;

/// <summary>
/// Reads one YAML mapping: typed values with defaults under the rules of <see cref="YamlScalars"/>, every problem
/// recorded with its line (the reader carries on with the default), and every key not read reported by
/// <see cref="ReportUnknownKeys"/>. An absent mapping, or a null one, reads as empty, so every key takes its default.
/// </summary>
public sealed class YamlSection
{
    private readonly YamlMappingNode? _node;
    private readonly List<string> _known = [];
    private readonly HashSet<string> _refused = new(StringComparer.Ordinal);

    public YamlSection(YamlMappingNode? node, string path, YamlProblems problems)
    {
        _node = node;
        Path = path;
        Problems = problems;
    }

    /// <summary>A section for <paramref name="node"/>, which must be a mapping or null (read as empty).</summary>
    public static YamlSection Of(YamlNode? node, string path, YamlProblems problems)
    {
        if (node is YamlMappingNode mapping) return new YamlSection(mapping, path, problems);
        if (node is not null && !YamlScalars.IsNull(node))
            problems.Add(node, path.Length == 0 ? "the file must be a YAML mapping (key: value lines)" : $"'{path}' must be a mapping");
        return new YamlSection(null, path, problems);
    }

    /// <summary>The dotted path of this mapping, empty at the top level.</summary>
    public string Path { get; }
    public YamlProblems Problems { get; }
    public long Line => _node?.Start.Line ?? 0;

    public string Qualify(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    /// <summary>Records a problem at <paramref name="at"/>, or at this mapping when there is no node to point at.</summary>
    public void Error(YamlNode? at, string message) => Problems.Add(at?.Start.Line ?? Line, message);

    /// <summary>The value of <paramref name="key"/> as written (null when absent); marks the key as known.</summary>
    public YamlNode? Node(string key)
    {
        if (!_known.Contains(key)) _known.Add(key);
        if (_node is null) return null;
        foreach (var (k, v) in _node.Children)
            if (k is YamlScalarNode { Value: { } name } && name == key) return v;
        return null;
    }

    /// <summary>
    /// The key node of <paramref name="key"/> (null when absent), to point at the key's own line when its value is a
    /// list or mapping starting on the next one; marks the key as known.
    /// </summary>
    public YamlNode? KeyNode(string key)
    {
        if (!_known.Contains(key)) _known.Add(key);
        return _node?.Children.Keys.FirstOrDefault(k => k is YamlScalarNode { Value: { } name } && name == key);
    }

    /// <summary>The value of <paramref name="key"/>, or null when absent or null.</summary>
    private YamlNode? Given(string key) => Node(key) is { } value && !YamlScalars.IsNull(value) ? value : null;

    /// <summary>
    /// Reports <paramref name="key"/>, when present, with <paramref name="message"/> instead of as unknown, and keeps
    /// it out of the list of known keys: for keys that look right but are refused (a secret written inline).
    /// </summary>
    public void Refuse(string key, string message)
    {
        if (_node is null) return;
        foreach (var (k, v) in _node.Children)
            if (k is YamlScalarNode { Value: { } name } && name == key)
            {
                _refused.Add(key);
                Error(v, $"'{Qualify(key)}': {message}");
            }
    }

    public YamlSection Section(string key) => Of(Node(key), Qualify(key), Problems);

    public string String(string key, string fallback) => OptionalString(key) ?? fallback;

    public string? OptionalString(string key)
    {
        var value = Given(key);
        if (value is null) return null;
        if (value is YamlScalarNode { Value: { } text }) return text;
        Error(value, $"'{Qualify(key)}' must be a single value");
        return null;
    }

    public bool Bool(string key, bool fallback)
    {
        if (Given(key) is not { } value) return fallback;
        if (value is YamlScalarNode scalar && YamlScalars.TryBool(scalar, out bool result)) return result;
        Error(value, $"'{Qualify(key)}' must be true or false{Quoted(value)}, not {Shown(value)}");
        return fallback;
    }

    public int Int(string key, int fallback, int min, int max)
    {
        if (Single(key) is not { } single) return fallback;
        var (text, value) = single;
        if (IsQuoted(value) || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var result) || result < min || result > max)
        {
            Error(value, $"'{Qualify(key)}' must be a whole number from {min} to {max}{Quoted(value)}, not {Shown(value)}");
            return fallback;
        }
        return result;
    }

    public double Number(string key, double fallback, double min, double max)
    {
        if (Single(key) is not { } single) return fallback;
        var (text, value) = single;
        if (IsQuoted(value) || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var result) || !double.IsFinite(result) || result < min || result > max)
        {
            Error(value, $"'{Qualify(key)}' must be a number from {Format(min)} to {Format(max)}{Quoted(value)}, not {Shown(value)}");
            return fallback;
        }
        return result;
    }

    public T Choice<T>(string key, T fallback, params (string Name, T Value)[] choices)
    {
        var text = OptionalString(key);
        if (text is null) return fallback;
        foreach (var (name, value) in choices)
            if (name == text) return value;
        Error(Node(key), $"'{Qualify(key)}' must be one of {string.Join(", ", choices.Select(c => c.Name))}, not '{text}'");
        return fallback;
    }

    public string HttpUrl(string key, string fallback)
    {
        var text = OptionalString(key);
        if (text is null) return fallback;
        // Whitespace and control characters are refused outright: Uri accepts some of them, and the URL is written
        // into other files (jobstats.yaml, prometheus.yml) where a line break would start a key of its own.
        if (!text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            && Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https") return text;
        Error(Node(key), $"'{Qualify(key)}' must be an http(s) URL, not '{text}'");
        return fallback;
    }

    /// <summary>The items of the list under <paramref name="key"/>; none when absent or null.</summary>
    public IReadOnlyList<YamlNode> Items(string key)
    {
        var value = Given(key);
        if (value is null) return [];
        if (value is YamlSequenceNode list) return list.Children.ToList();
        Error(value, $"'{Qualify(key)}' must be a list");
        return [];
    }

    /// <summary>The list under <paramref name="key"/>, each item a single value, with its node for later errors.</summary>
    public IReadOnlyList<(string Text, YamlNode Node)> Strings(string key)
    {
        var strings = new List<(string, YamlNode)>();
        foreach (var item in Items(key))
        {
            if (item is YamlScalarNode { Value: { } text } && !YamlScalars.IsNull(item)) strings.Add((text, item));
            else Error(item, $"'{Qualify(key)}': each entry must be a single value");
        }
        return strings;
    }

    /// <summary>Keys of this mapping, in file order, with their nodes (for free-form maps such as roles).</summary>
    public IEnumerable<(string Key, YamlScalarNode KeyNode, YamlNode Value)> Entries()
    {
        if (_node is null) yield break;
        foreach (var (k, v) in _node.Children)
        {
            if (k is YamlScalarNode { Value: { } name } scalar && !YamlScalars.IsNull(k))
            {
                if (!_known.Contains(name)) _known.Add(name);
                yield return (name, scalar, v);
            }
            else Error(k, Path.Length == 0 ? "keys must be plain names" : $"keys under '{Path}' must be plain names");
        }
    }

    public void ReportUnknownKeys()
    {
        if (_node is null) return;
        foreach (var key in _node.Children.Keys)
        {
            if (key is not YamlScalarNode { Value: { } name } || YamlScalars.IsNull(key))
                Error(key, Path.Length == 0 ? "keys must be plain names" : $"keys under '{Path}' must be plain names");
            else if (!_known.Contains(name) && !_refused.Contains(name))
                Error(key, $"unknown key '{Qualify(name)}' (known: {string.Join(", ", _known)})");
        }
    }

    /// <summary>The text of a single value; null when absent or null, or (recorded as a problem) a list or mapping.</summary>
    private (string Text, YamlNode Node)? Single(string key)
    {
        var value = Given(key);
        if (value is null) return null;
        if (value is YamlScalarNode { Value: { } text }) return (text, value);
        Error(value, $"'{Qualify(key)}' must be a single value");
        return null;
    }

    private static bool IsQuoted(YamlNode value) => value is YamlScalarNode scalar && YamlScalars.IsQuoted(scalar);

    private static string Quoted(YamlNode value) => IsQuoted(value) ? " without quotes (a quoted value is text)" : "";

    private static string Shown(YamlNode value) => value is YamlScalarNode { Value: { } text } ? $"'{text}'" : "a list or mapping";

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
