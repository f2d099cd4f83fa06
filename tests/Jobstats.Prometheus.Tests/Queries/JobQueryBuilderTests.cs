using Jobstats.Prometheus.Api;
using Jobstats.Core.Config;
using Jobstats.Prometheus.Queries;

namespace Jobstats.Prometheus.Tests.Queries;

public class JobQueryBuilderTests
{
    private static readonly JobstatsConfig Defaults = new();

    [Fact]
    public void Many_jobs_share_one_query_per_figure_with_their_ids_in_one_matcher()
    {
        var q = JobQueryBuilder.BuildForMany(Defaults, "della", ["123", "124", "s8FXKTA79XAR00"], 3600, gpus: true);
        const string sel = "{cluster='della',jobid=~'123|124|s8FXKTA79XAR00',step='',task=''}";
        Assert.Equal($"max_over_time(cgroup_cpu_total_seconds{sel}[3600s])", q.Single(x => x.Figure == UsageFigure.TotalTime).PromQl);
        Assert.Equal("avg_over_time((nvidia_gpu_duty_cycle{cluster='della',jobid=~'123|124|s8FXKTA79XAR00'} or " +
            "(nvidia_gpu_graphics_util_percent{cluster='della',jobid=~'123|124|s8FXKTA79XAR00'} * 100))[3600s:])",
            q.Single(x => x.Figure == UsageFigure.GpuUtilization).PromQl);
        // The table needs no GPM activity: seven queries, whatever the number of jobs.
        Assert.Equal(7, q.Count);
    }

    [Fact]
    public void Many_jobs_in_the_legacy_gpu_mode_get_no_gpu_queries_and_ids_that_are_not_words_are_refused()
    {
        var legacy = new JobstatsConfig { GpuQuery = GpuQueryMode.Legacy };
        Assert.Equal(4, JobQueryBuilder.BuildForMany(legacy, "della", ["123"], 60, gpus: true).Count);
        Assert.Throws<ArgumentException>(() => JobQueryBuilder.BuildForMany(Defaults, "della", ["1.*"], 60, gpus: false));
        Assert.False(JobQueryBuilder.IsRegexSafeId("123|.*"));
    }

    [Fact]
    public void Cpu_job_gets_the_four_cgroup_queries_exactly()
    {
        var q = JobQueryBuilder.Build(Defaults, "della", "123", null, 7200, gpus: 0);
        const string sel = "{cluster='della',jobid='123',step='',task=''}";
        Assert.Equal(
        [
            $"max_over_time(cgroup_memory_total_bytes{sel}[7200s])",
            $"max_over_time(((cgroup_memory_rss_bytes{sel}+cgroup_memory_shmem_bytes{sel}) or 1*cgroup_memory_rss_bytes{sel})[7200s:])",
            $"max_over_time(cgroup_cpu_total_seconds{sel}[7200s])",
            $"max_over_time(cgroup_cpus{sel}[7200s])",
        ], q.Select(x => x.PromQl));
        Assert.Equal([UsageFigure.TotalMemory, UsageFigure.UsedMemory, UsageFigure.TotalTime, UsageFigure.Cpus], q.Select(x => x.Figure));
    }

    [Fact]
    public void Gpu_job_adds_the_three_gpu_queries_and_one_per_gpm_activity_figure()
    {
        var q = JobQueryBuilder.Build(Defaults, "della", "123", null, 7200, gpus: 2);
        Assert.Equal(
        [
            "max_over_time(nvidia_gpu_memory_total_bytes{cluster='della',jobid='123'}[7200s:])",
            "max_over_time(nvidia_gpu_memory_used_bytes{cluster='della',jobid='123'}[7200s:])",
            "avg_over_time((nvidia_gpu_duty_cycle{cluster='della',jobid='123'} or (nvidia_gpu_graphics_util_percent{cluster='della',jobid='123'} * 100))[7200s:])",
            "avg_over_time((nvidia_gpu_sm_util_percent{cluster='della',jobid='123'} * 100)[7200s:])",
            "avg_over_time((nvidia_gpu_any_tensor_util_percent{cluster='della',jobid='123'} * 100)[7200s:])",
            "avg_over_time((nvidia_gpu_dram_bw_util_percent{cluster='della',jobid='123'} * 100)[7200s:])",
        ], q.Skip(4).Select(x => x.PromQl));
        Assert.Equal([UsageFigure.GpuSmActive, UsageFigure.GpuTensorActive, UsageFigure.GpuDramActive], q.Skip(7).Select(x => x.Figure));
        Assert.All(q.Skip(4), x => Assert.True(x.IsPerGpu));
    }

    [Fact]
    public void Legacy_gpu_queries_join_on_the_job_id_gauge()
    {
        var config = new JobstatsConfig { GpuQuery = GpuQueryMode.Legacy };
        var q = JobQueryBuilder.Build(config, "della", "123", null, 7200, gpus: 1);
        Assert.Equal("max_over_time((nvidia_gpu_memory_total_bytes{cluster='della'} and nvidia_gpu_jobId == 123)[7200s:])", q[4].PromQl);
        Assert.Equal("avg_over_time(((nvidia_gpu_duty_cycle{cluster='della'} or (nvidia_gpu_graphics_util_percent{cluster='della'} * 100)) and nvidia_gpu_jobId == 123)[7200s:])", q[6].PromQl);
        Assert.Equal("avg_over_time(((nvidia_gpu_sm_util_percent{cluster='della'} * 100) and nvidia_gpu_jobId == 123)[7200s:])", q[7].PromQl);
        Assert.Equal(10, q.Count);
    }

    [Fact]
    public void Sluid_ors_the_cgroup_queries_only()
    {
        var q = JobQueryBuilder.Build(Defaults, "della", "123", "s8FXKTA79XAR00", 60, gpus: 1);
        Assert.Equal("max_over_time(cgroup_cpus{cluster='della',jobid='123',step='',task=''}[60s]) or " +
                     "max_over_time(cgroup_cpus{cluster='della',jobid='s8FXKTA79XAR00',step='',task=''}[60s])", q[3].PromQl);
        Assert.DoesNotContain("s8FXKTA79XAR00", q[4].PromQl);
    }

    [Fact]
    public void Metric_and_label_names_come_from_the_config()
    {
        var config = new JobstatsConfig();
        config.Metrics.Cpus = "slurm_job_cpus";
        config.Metrics.GpuDramBwUtilPercent = "DCGM_FI_PROF_DRAM_ACTIVE";
        config.Labels.JobId = "slurmjob";
        var q = JobQueryBuilder.Build(config, "c", "9", null, 0, gpus: 1);
        Assert.Equal("max_over_time(slurm_job_cpus{cluster='c',slurmjob='9',step='',task=''}[1s])", q[3].PromQl);
        Assert.Equal("avg_over_time((DCGM_FI_PROF_DRAM_ACTIVE{cluster='c',slurmjob='9'} * 100)[1s:])", q[9].PromQl);
    }

    [Theory]
    [InlineData("della", "1' or jobid=~\".*\"")]
    [InlineData("della", "123_4")]
    [InlineData("della", "")]
    [InlineData("del'la", "123")]
    [InlineData("della\"}", "123")]
    [InlineData("", "123")]
    public void Hostile_values_never_reach_promql(string cluster, string jobId) =>
        Assert.Throws<PrometheusException>(() => JobQueryBuilder.Build(Defaults, cluster, jobId, null, 60, 0));

    [Fact]
    public void A_hostile_sluid_is_dropped()
    {
        var q = JobQueryBuilder.Build(Defaults, "c", "9", "x' or 1", 60, 0);
        Assert.DoesNotContain(" or max_over_time", q[0].PromQl);
    }
}
