namespace Jobstats.Metrics.Exposition;

/// <summary>Prometheus naming rules, checked when families are declared so a typo fails at start, not at scrape.</summary>
internal static class MetricNames
{
    public static bool IsValidMetricName(string name) => IsValid(name, allowColon: true);

    public static bool IsValidLabelName(string name) => IsValid(name, allowColon: false) && !name.StartsWith("__", StringComparison.Ordinal);

    private static bool IsValid(string name, bool allowColon)
    {
        if (name.Length == 0) return false;
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var ok = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_' || (allowColon && c == ':') || (i > 0 && c is >= '0' and <= '9');
            if (!ok) return false;
        }
        return true;
    }
}
