using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Jobstats.Core.Yaml;

/// <summary>
/// The one set of scalar rules for every YAML file we read (jobstats.yaml, the inventory), written down in
/// docs/user-guide.md and docs/admin-guide.md:
/// <list type="bullet">
/// <item>null is a plain empty value, <c>~</c> or <c>null</c> (any case), and means the key is not given;</item>
/// <item>a boolean is a plain <c>true</c>/<c>false</c>, <c>yes</c>/<c>no</c> or <c>on</c>/<c>off</c>, in any case
/// (YAML 1.2 knows only true/false, but both files accepted yes/no and on/off before, and nothing else reads them);</item>
/// <item>quoting makes text: <c>"true"</c>, <c>'null'</c>, <c>''</c> and <c>"9306"</c> are strings, never a boolean,
/// null or number, so a quoted value is refused where a boolean or number is expected.</item>
/// </list>
/// </summary>
public static class YamlScalars
{
    public static bool IsQuoted(YamlScalarNode node) => node.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted;

    public static bool IsNull(YamlNode? node) =>
        node is YamlScalarNode scalar && !IsQuoted(scalar) &&
        (string.IsNullOrEmpty(scalar.Value) || scalar.Value == "~" || scalar.Value.Equals("null", StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads a plain boolean; false for anything else, a quoted "true" included.</summary>
    public static bool TryBool(YamlScalarNode node, out bool value)
    {
        value = false;
        if (IsQuoted(node) || node.Value is null) return false;
        switch (node.Value.ToLowerInvariant())
        {
            case "true" or "yes" or "on": value = true; return true;
            case "false" or "no" or "off": return true;
            default: return false;
        }
    }
}
