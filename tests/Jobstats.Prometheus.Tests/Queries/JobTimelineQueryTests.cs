using Jobstats.Core.Config;
using Jobstats.Core.Model;
using Jobstats.Prometheus.Api;
using Jobstats.Prometheus.Queries;

namespace Jobstats.Prometheus.Tests.Queries;

public class JobTimelineQueryTests
{
    private static JobRecord Record(string raw, string cluster = "della", int gpus = 4) => new()
    {
        JobId = raw, JobIdRaw = raw, Cluster = cluster, User = "u", Account = "a", JobName = "n", State = "RUNNING",
        Nodes = 1, Cores = 1, ReqMem = "1G", Qos = "q", Partition = "p", Start = 0, TimeLimitText = "10",
        Gpus = gpus, AdminComment = "", AllocTres = "",
    };

    [Fact]
    public void One_query_per_figure_and_one_for_all_gpus()
    {
        var q = JobTimelineQuery.Build(new JobstatsConfig(), Record("123"), sluid: null, step: 180);
        Assert.Equal(["cpu", "memory_total", "memory", "gpu"], q.Select(x => x.Name));
        Assert.Equal("(100 * sum(rate(cgroup_cpu_total_seconds{cluster='della',jobid='123',step='',task=''}[180s])) / " +
                     "sum(cgroup_cpus{cluster='della',jobid='123',step='',task=''}))", q[0].Query);
        Assert.Equal("nvidia_gpu_duty_cycle{cluster='della',jobid='123'} or (nvidia_gpu_graphics_util_percent{cluster='della',jobid='123'} * 100)", q[3].Query);
    }

    [Fact]
    public void A_short_step_still_gives_rate_two_scrapes_and_a_job_without_gpus_has_no_gpu_query()
    {
        var q = JobTimelineQuery.Build(new JobstatsConfig(), Record("123", gpus: 0), sluid: "s8FXKTA79XAR00", step: 10);
        Assert.Equal(3, q.Count);
        Assert.Contains("[60s]", q[0].Query);
        Assert.Contains("jobid='s8FXKTA79XAR00'", q[0].Query);
    }

    [Fact]
    public void Legacy_gpu_mode_joins_the_owner_series()
    {
        var config = ConfigLoader.Parse("gpu_query: legacy\n", "j.yaml");
        var q = JobTimelineQuery.Build(config, Record("123"), null, 60);
        Assert.EndsWith("and (nvidia_gpu_jobId{cluster='della'} == 123)", q[3].Query);
    }

    [Theory]
    [InlineData("123'} or up{x='")]
    [InlineData("12a")]
    public void Ids_that_could_break_out_of_the_matcher_are_refused(string raw) =>
        Assert.Throws<PrometheusException>(() => JobTimelineQuery.Build(new JobstatsConfig(), Record(raw), null, 60));

    [Fact]
    public void Samples_land_on_their_steps_and_gaps_stay_empty()
    {
        var series = new Series(new Dictionary<string, string>(), [(1000.0, new SampleValue(5, true)), (1360.0, new SampleValue(7, true)), (1540.0, new SampleValue(double.NaN, false))]);
        Assert.Equal(new double?[] { 5, null, 7, null }, JobTimelineQuery.Place(series, 1000, 180, 4));
    }
}
