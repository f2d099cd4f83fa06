using Jobstats.Core.Yaml;

namespace Jobstats.Deploy.Inventories;

/// <summary>The inventory's own value types on top of the shared YAML reader: durations and absolute paths.</summary>
internal static class InventoryValues
{
    public static string Duration(this YamlSection s, string key, string fallback)
    {
        var text = s.String(key, fallback);
        if (Durations.TryParse(text, out _)) return text;
        s.Error(s.Node(key), $"'{s.Qualify(key)}' must be a duration like 30s, 5m or 30d, not '{text}'");
        return fallback;
    }

    public static string AbsolutePath(this YamlSection s, string key, string fallback)
    {
        var text = s.String(key, fallback);
        if (!text.StartsWith('/'))
        {
            s.Error(s.Node(key), $"'{s.Qualify(key)}' must be an absolute path, not '{text}'");
            return fallback;
        }
        if (!AbsolutePaths.IsNormalized(text))
        {
            s.Error(s.Node(key), $"'{s.Qualify(key)}' must be {AbsolutePaths.Requirement}, not '{text}'");
            return fallback;
        }
        return text;
    }

    public static int Port(this YamlSection s, string key, int fallback) => s.Int(key, fallback, 1, 65535);
}
