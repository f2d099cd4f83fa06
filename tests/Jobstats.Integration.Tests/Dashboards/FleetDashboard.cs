using System.Text.Json;
using Jobstats.Testing;

namespace Jobstats.Integration.Tests.Dashboards;

/// <summary>One query of a dashboard panel: its panel's title and type, the target's ref id and PromQL as written.</summary>
internal sealed record PanelQuery(string Panel, string PanelType, string RefId, string Expr, bool Instant);

/// <summary>
/// The fleet dashboard as shipped (the asset jobstatsctl installs), its queries, and what Grafana does to them before
/// Prometheus sees them: template variables and the interval macros replaced.
/// </summary>
internal static class FleetDashboard
{
    public static string AssetPath => Repository.Path("src", "Jobstats.Deploy", "Assets", "grafana", "jobstats-fleet.json");

    /// <summary>The dashboard's range in the tests, and Grafana's intervals for it (a 2 h range, 30 s scrapes).</summary>
    public const int RangeSeconds = 7200, IntervalSeconds = 60, RateIntervalSeconds = 120;

    public static IReadOnlyList<PanelQuery> Queries()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(AssetPath));
        var queries = new List<PanelQuery>();
        foreach (var panel in doc.RootElement.GetProperty("panels").EnumerateArray())
            foreach (var target in panel.GetProperty("targets").EnumerateArray())
                queries.Add(new PanelQuery(panel.GetProperty("title").GetString()!, panel.GetProperty("type").GetString()!,
                    target.GetProperty("refId").GetString()!, target.GetProperty("expr").GetString()!,
                    target.TryGetProperty("instant", out var instant) && instant.GetBoolean()));
        return queries;
    }

    /// <summary>The label_values queries of the template variables, by variable name.</summary>
    public static IReadOnlyDictionary<string, string> VariableQueries()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(AssetPath));
        return doc.RootElement.GetProperty("templating").GetProperty("list").EnumerateArray()
            .Where(v => v.GetProperty("type").GetString() == "query")
            .ToDictionary(v => v.GetProperty("name").GetString()!, v => v.GetProperty("query").GetProperty("query").GetString()!);
    }

    public static PanelQuery Panel(string title, string refId = "A") => Queries().Single(q => q.Panel == title && q.RefId == refId);

    /// <summary>
    /// The query as Grafana sends it: a variable set to All becomes its allValue <c>.*</c>, one chosen value is put in
    /// as it is (these values need no regex escaping); the macros become the test's range and intervals.
    /// </summary>
    public static string Substitute(string expr, string cluster = ".*", string user = ".*", string account = ".*")
    {
        string text = expr
            .Replace("$__interval_ms", (IntervalSeconds * 1000).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("$__range_s", RangeSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("$__rate_interval", $"{RateIntervalSeconds}s", StringComparison.Ordinal)
            .Replace("$__interval", $"{IntervalSeconds}s", StringComparison.Ordinal)
            .Replace("$__range", $"{RangeSeconds}s", StringComparison.Ordinal)
            .Replace("$cluster", cluster, StringComparison.Ordinal)
            .Replace("$user", user, StringComparison.Ordinal)
            .Replace("$account", account, StringComparison.Ordinal);
        Assert.DoesNotContain('$', text);
        return text;
    }
}
