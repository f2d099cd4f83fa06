namespace Jobstats.Integration.Tests.Dashboards;

/// <summary>
/// Every query of the shipped fleet dashboard, as Grafana would send it, against a real Prometheus holding
/// <see cref="FleetHistory"/>: each parses and answers, and the key panels give the figures the history implies.
/// </summary>
public sealed class FleetDashboardTests(FleetPrometheus prometheus) : IClassFixture<FleetPrometheus>
{
    private const double Tolerance = 1e-6;

    public static TheoryData<string, string> AllQueries()
    {
        var data = new TheoryData<string, string>();
        foreach (var q in FleetDashboard.Queries()) data.Add(q.Panel, q.RefId);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllQueries))]
    public async Task Every_query_answers_with_data_for_all_and_for_one_cluster_user_and_account(string panel, string refId)
    {
        var query = FleetDashboard.Panel(panel, refId);
        foreach (var (cluster, user, account) in new[] { (".*", ".*", ".*"), ("c1", ".*", ".*"), ("c1", "carol", "chem") })
        {
            string expr = FleetDashboard.Substitute(query.Expr, cluster, user, account);
            var answer = query.Instant ? await prometheus.InstantAsync(expr) : await prometheus.RangeAsync(expr);
            Assert.True(answer.Count > 0, $"{panel} {refId} ({cluster}/{user}/{account}) returned nothing: {expr}");
            Assert.All(answer, s => Assert.All(s.Values, v => Assert.True(double.IsFinite(v), $"{panel}: {v}")));
        }
    }

    [Fact]
    public void Every_panel_has_a_query_and_range_panels_are_the_time_series()
    {
        var queries = FleetDashboard.Queries();
        Assert.True(queries.Count >= 11, $"{queries.Count} queries");
        Assert.All(queries, q => Assert.Equal(q.PanelType != "timeseries", q.Instant));
    }

    [Fact]
    public async Task Cpu_efficiency_is_core_seconds_used_over_allocated_by_cluster_user_and_account()
    {
        // c1: (2 + 2 + 2 + 2 + 1) busy of (4 + 4 + 8 + 2 + 2) cores, job 105 included though its owner is unknown.
        AssertFigures(new() { ["c1"] = 9.0 / 20, ["c2"] = 0.9 }, await Instant("CPU efficiency by cluster"), "cluster");
        AssertFigures(new() { ["alice"] = 0.5, ["bob"] = 0.25, ["carol"] = 1.0, ["dave"] = 0.9 }, await Instant("CPU efficiency by user"), "user");
        AssertFigures(new() { ["physics"] = 0.5, ["chem"] = 4.0 / 10, ["bio"] = 0.9 }, await Instant("CPU efficiency by account"), "account");
        AssertFigures(new() { ["alice"] = 0.5, ["bob"] = 0.25, ["carol"] = 1.0 }, await Instant("CPU efficiency by user", cluster: "c1"), "user");
        AssertFigures(new() { ["chem"] = 0.4 }, await Instant("CPU efficiency by account", account: "chem"), "account");

        var overTime = await prometheus.RangeAsync(FleetDashboard.Substitute(FleetDashboard.Panel("CPU efficiency over time by user").Expr));
        var alice = Assert.Single(overTime, s => s["user"] == "alice");
        Assert.Equal(FleetDashboard.RangeSeconds / FleetDashboard.IntervalSeconds + 1, alice.Values.Count);
        Assert.All(alice.Values, v => Assert.Equal(0.5, v, Tolerance));
    }

    [Fact]
    public async Task Memory_is_resident_over_allocated()
    {
        AssertFigures(new() { ["alice"] = 0.25, ["bob"] = 0.75, ["carol"] = 0.25, ["dave"] = 0.5 }, await Instant("Memory used vs allocated by user"), "user");
        const double GiB = 1024.0 * 1024 * 1024;
        var used = await prometheus.RangeAsync(FleetDashboard.Substitute(FleetDashboard.Panel("Memory used and allocated by account", "A").Expr));
        var allocated = await prometheus.RangeAsync(FleetDashboard.Substitute(FleetDashboard.Panel("Memory used and allocated by account", "B").Expr));
        Assert.Equal(4 * GiB, used.Single(s => s["account"] == "physics").Value, Tolerance);
        Assert.Equal(16 * GiB, allocated.Single(s => s["account"] == "physics").Value, Tolerance);
        Assert.Equal(13 * GiB, used.Single(s => s["account"] == "chem").Value, Tolerance);
    }

    [Fact]
    public async Task Gpu_utilisation_is_the_mean_of_the_job_s_gpus_and_idle_devices_without_a_job_do_not_count()
    {
        AssertFigures(new() { ["alice"] = 25, ["bob"] = 60, ["carol"] = 0 }, await Instant("GPU utilisation by user"), "user");
        AssertFigures(new() { ["physics"] = 25, ["chem"] = 40 }, await Instant("GPU utilisation by account"), "account");
    }

    [Fact]
    public async Task Gpu_hours_allocated_and_used_over_the_range()
    {
        // Two hours: physics holds 2 GPUs (0 % and 50 %), chem 3 (80, 40, 0); the device without a job is nobody's.
        AssertFigures(new() { ["physics"] = 4, ["chem"] = 6 }, await Instant("GPU-hours by account: allocated and used", "A"), "account");
        AssertFigures(new() { ["physics"] = 1, ["chem"] = 2.4 }, await Instant("GPU-hours by account: allocated and used", "B"), "account");
        AssertFigures(new() { ["c1"] = 10 }, await Instant("GPU-hours by cluster: allocated and used", "A"), "cluster");
        AssertFigures(new() { ["c1"] = 3.4 }, await Instant("GPU-hours by cluster: allocated and used", "B"), "cluster");
    }

    [Fact]
    public async Task The_idle_gpu_table_lists_exactly_the_job_whose_every_gpu_is_at_zero_with_its_owner()
    {
        var row = Assert.Single(await Instant("Jobs with idle GPUs now"));
        Assert.Equal(("c1", "104", "1003", "carol", "chem", "gpu"), (row["cluster"], row["jobid"], row["userid"], row["user"], row["account"], row["partition"]));
        Assert.Single(await Instant("Jobs with idle GPUs now", user: "carol"));
        Assert.Empty(await Instant("Jobs with idle GPUs now", user: "alice"));
        Assert.Empty(await Instant("Jobs with idle GPUs now", cluster: "c2"));
    }

    [Fact]
    public async Task The_variables_list_the_clusters_users_and_accounts_there_are()
    {
        var variables = FleetDashboard.VariableQueries();
        Assert.Equal(["c1", "c2"], await LabelValues(variables["cluster"], ".*"));
        Assert.Equal(["alice", "bob", "carol", "dave"], await LabelValues(variables["user"], ".*"));
        Assert.Equal(["alice", "bob", "carol"], await LabelValues(variables["user"], "c1"));
        Assert.Equal(["bio"], await LabelValues(variables["account"], "c2"));
    }

    private Task<IReadOnlyList<Series>> Instant(string panel, string refId = "A", string cluster = ".*", string user = ".*", string account = ".*") =>
        prometheus.InstantAsync(FleetDashboard.Substitute(FleetDashboard.Panel(panel, refId).Expr, cluster, user, account));

    // label_values(selector, label), as Grafana's Prometheus data source turns it into a label values request.
    private async Task<IReadOnlyList<string>> LabelValues(string variableQuery, string cluster)
    {
        var m = System.Text.RegularExpressions.Regex.Match(variableQuery, @"^label_values\((.+), *([a-z_]+)\)$");
        Assert.True(m.Success, variableQuery);
        return [.. (await prometheus.LabelValuesAsync(FleetDashboard.Substitute(m.Groups[1].Value, cluster), m.Groups[2].Value)).Order(StringComparer.Ordinal)];
    }

    private static void AssertFigures(Dictionary<string, double> expected, IReadOnlyList<Series> answer, string label)
    {
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), answer.Select(s => s[label]).Order(StringComparer.Ordinal));
        foreach (var (key, value) in expected) Assert.Equal(value, answer.Single(s => s[label] == key).Value, Tolerance);
    }
}
