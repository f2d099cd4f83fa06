using System.Globalization;
using System.Text.RegularExpressions;

namespace Jobstats.Deploy.Inventories;

/// <summary>Prometheus-style durations (<c>30s</c>, <c>5m</c>, <c>30d</c>), the form the inventory and prometheus.yml share.</summary>
internal static partial class Durations
{
    [GeneratedRegex("^([0-9]{1,9})(ms|s|m|h|d|w|y)$")]
    private static partial Regex Pattern();

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        var match = Pattern().Match(text);
        if (!match.Success) return false;
        var n = long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        if (n == 0) return false;
        value = match.Groups[2].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(n),
            "s" => TimeSpan.FromSeconds(n),
            "m" => TimeSpan.FromMinutes(n),
            "h" => TimeSpan.FromHours(n),
            "d" => TimeSpan.FromDays(n),
            "w" => TimeSpan.FromDays(7 * n),
            _ => TimeSpan.FromDays(365 * n),
        };
        return true;
    }
}
