using Jobstats.Prometheus.Api;

namespace Jobstats.Integration.Tests.Report;

/// <summary>The HTTP client against the real Prometheus of the report fixture.</summary>
[Collection(ReportCollection.Name)]
public class PrometheusClientTests(ReportEnvironment env)
{
    [Fact]
    public async Task Instant_query_returns_the_job_series()
    {
        using var http = new HttpClient();
        var client = new PrometheusClient(http, env.PrometheusUrl);
        var series = await client.QueryAsync(
            "max_over_time(cgroup_cpu_total_seconds{cluster='lab',jobid='1001',step='',task=''}[3600s])",
            FixtureJobs.T0 + 3600, TestContext.Current.CancellationToken);
        var only = Assert.Single(series);
        Assert.Equal("cpu-001:9306", only.Label("instance"));
        Assert.Equal(11520d, only.Samples[0].Value.Value);
    }

    [Fact]
    public async Task Range_query_returns_every_step()
    {
        using var http = new HttpClient();
        var client = new PrometheusClient(http, env.PrometheusUrl);
        var series = await client.QueryRangeAsync("cgroup_cpus{jobid='1003'}", FixtureJobs.T0 + 18060, FixtureJobs.T0 + 18660, 60,
            TestContext.Current.CancellationToken);
        Assert.Equal(11, Assert.Single(series).Samples.Count);
        Assert.All(series[0].Samples, s => Assert.Equal(16d, s.Value.Value));
    }

    [Fact]
    public async Task A_bad_query_carries_prometheus_s_error()
    {
        using var http = new HttpClient();
        var client = new PrometheusClient(http, env.PrometheusUrl);
        var e = await Assert.ThrowsAsync<PrometheusException>(() => client.QueryAsync("max_over_time(", 0, TestContext.Current.CancellationToken));
        Assert.Contains("bad_data", e.Message);
    }

    [Fact]
    public async Task Non_finite_values_come_back_parsed()
    {
        using var http = new HttpClient();
        var client = new PrometheusClient(http, env.PrometheusUrl);
        var nan = await client.QueryAsync("0/0", FixtureJobs.T0, TestContext.Current.CancellationToken);
        var inf = await client.QueryAsync("-1/0", FixtureJobs.T0, TestContext.Current.CancellationToken);
        Assert.True(double.IsNaN(nan[0].Samples[0].Value.Value));
        Assert.Equal(double.NegativeInfinity, inf[0].Samples[0].Value.Value);
    }
}
