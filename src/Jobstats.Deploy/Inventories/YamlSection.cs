using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Jobstats.Deploy.Inventories;

/// <summary>
/// Reads one YAML mapping of the inventory: typed values with defaults, every problem recorded with its line,
/// and every key not read reported as unknown by <see cref="ReportUnknownKeys"/>.
/// </summary>
internal sealed class YamlSection(YamlMappingNode? node, string path, string file, List<string> errors)
{
    private readonly HashSet<string> _known = [];

    public int Line => node is null ? 0 : (int)node.Start.Line;

    public void Error(YamlNode? at, string message)
    {
        var line = at is null ? Line : (int)at.Start.Line;
        errors.Add($"{file}:{line}: {message}");
    }

    public YamlNode? Node(string key)
    {
        _known.Add(key);
        if (node is null) return null;
        return node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
    }

    public YamlSection Section(string key)
    {
        var value = Node(key);
        if (value is YamlMappingNode mapping) return new YamlSection(mapping, Qualify(key), file, errors);
        if (value is not null && !IsNull(value)) Error(value, $"'{Qualify(key)}' must be a mapping");
        return new YamlSection(null, Qualify(key), file, errors);
    }

    public string String(string key, string fallback)
    {
        var value = Node(key);
        if (value is null || IsNull(value)) return fallback;
        if (value is YamlScalarNode scalar && scalar.Value is not null) return scalar.Value;
        Error(value, $"'{Qualify(key)}' must be a single value");
        return fallback;
    }

    public string? OptionalString(string key)
    {
        var value = Node(key);
        if (value is null || IsNull(value)) return null;
        if (value is YamlScalarNode scalar) return scalar.Value;
        Error(value, $"'{Qualify(key)}' must be a single value");
        return null;
    }

    public bool Bool(string key, bool fallback)
    {
        var text = String(key, "");
        if (text.Length == 0) return fallback;
        switch (text.ToLowerInvariant())
        {
            case "true" or "yes" or "on": return true;
            case "false" or "no" or "off": return false;
            default:
                Error(Node(key), $"'{Qualify(key)}' must be true or false, not '{text}'");
                return fallback;
        }
    }

    public int Int(string key, int fallback, int min, int max)
    {
        var text = String(key, "");
        if (text.Length == 0) return fallback;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            Error(Node(key), $"'{Qualify(key)}' must be a whole number from {min} to {max}, not '{text}'");
            return fallback;
        }
        return value;
    }

    public int Port(string key, int fallback) => Int(key, fallback, 1, 65535);

    public string Duration(string key, string fallback)
    {
        var text = String(key, fallback);
        if (!Durations.TryParse(text, out _))
        {
            Error(Node(key), $"'{Qualify(key)}' must be a duration like 30s, 5m or 30d, not '{text}'");
            return fallback;
        }
        return text;
    }

    public string AbsolutePath(string key, string fallback)
    {
        var text = String(key, fallback);
        if (!text.StartsWith('/'))
        {
            Error(Node(key), $"'{Qualify(key)}' must be an absolute path, not '{text}'");
            return fallback;
        }
        if (!AbsolutePaths.IsNormalized(text))
        {
            Error(Node(key), $"'{Qualify(key)}' must be {AbsolutePaths.Requirement}, not '{text}'");
            return fallback;
        }
        return text;
    }

    public T Choice<T>(string key, T fallback, params (string Name, T Value)[] choices)
    {
        var text = String(key, "");
        if (text.Length == 0) return fallback;
        foreach (var (name, value) in choices)
            if (name == text) return value;
        Error(Node(key), $"'{Qualify(key)}' must be one of {string.Join(", ", choices.Select(c => c.Name))}, not '{text}'");
        return fallback;
    }

    /// <summary>Keys of this mapping, in file order, with their nodes (for free-form maps such as roles).</summary>
    public IEnumerable<(string Key, YamlScalarNode KeyNode, YamlNode Value)> Entries()
    {
        if (node is null) yield break;
        foreach (var (k, v) in node.Children)
        {
            if (k is YamlScalarNode scalar && scalar.Value is not null)
            {
                _known.Add(scalar.Value);
                yield return (scalar.Value, scalar, v);
            }
            else Error(k, $"keys under '{path}' must be plain names");
        }
    }

    public void ReportUnknownKeys()
    {
        if (node is null) return;
        foreach (var key in node.Children.Keys)
            if (key is YamlScalarNode scalar && scalar.Value is not null && !_known.Contains(scalar.Value))
                Error(key, $"unknown key '{Qualify(scalar.Value)}'");
    }

    private string Qualify(string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Value: null or "" or "~" or "null", Style: not (YamlDotNet.Core.ScalarStyle.SingleQuoted or YamlDotNet.Core.ScalarStyle.DoubleQuoted) };
}
