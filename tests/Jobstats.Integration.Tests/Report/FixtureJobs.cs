namespace Jobstats.Integration.Tests.Report;

/// <summary>
/// The Prometheus history behind the report tests. The sacct rows are in tests/fixtures/report/sacct; the
/// times here match them. T0 = 2025-01-01 12:00:00 UTC, a multiple of 60 so that the one-minute subquery steps
/// of the memory and GPU queries land exactly on each job's end.
/// </summary>
internal static class FixtureJobs
{
    public const long T0 = 1735732800;
    public const string Cluster = "lab";

    /// <summary>"Now" for the running job 1004 (pinned through JOBSTATS_NOW).</summary>
    public const long RunningNow = T0 + 27000;

    private const double GiB = 1024.0 * 1024 * 1024;

    private static string Job(string jobId, string instance, string extra = "") =>
        $"cluster=\"{Cluster}\",instance=\"{instance}\",jobid=\"{jobId}\"{extra}";

    public static OpenMetricsHistory Build()
    {
        var h = new OpenMetricsHistory();

        // 1001: one node, 4 cores, 1 h. CPU 11520 s of 14400 → 80.0 %. Memory peak rss 3 GiB + shmem 256 MiB
        // = 3.25 GiB of 8 GiB → 40.625 % → 41 %; "3.2GB" because 3.25 is an exact binary tie and rounds to even.
        Cgroup(h, "1001", "cpu-001:9306", T0, T0 + 3600, cores: 4, cpuSeconds: 11520, limit: 8 * GiB, rss: 3 * GiB, shmem: 0.25 * GiB);
        // A step-level series of the same job must not leak into the job-level figures (step='' in the query).
        h.Ramp("cgroup_cpu_total_seconds", Job("1001", "cpu-001:9306", ",step=\"batch\""), T0, T0 + 3600, 99999);

        // 1002: two nodes, 8 cores each, 2 h. Node cpu-002 does nothing. No shmem series: tests the rss fallback.
        Cgroup(h, "1002", "cpu-001:9306", T0 + 7200, T0 + 14400, cores: 8, cpuSeconds: 50400, limit: 16 * GiB, rss: 6 * GiB);
        Cgroup(h, "1002", "cpu-002:9306", T0 + 7200, T0 + 14400, cores: 8, cpuSeconds: 0, limit: 16 * GiB, rss: 100 * 1024 * 1024);

        // 1003: one DGX node, 16 cores, 4 GPUs for 1 h; GPU 3 stays idle.
        Cgroup(h, "1003", "dgx-001:9306", T0 + 18000, T0 + 21600, cores: 16, cpuSeconds: 28800, limit: 128 * GiB, rss: 32 * GiB);
        double[] duty = [90, 80, 70, 0];
        double[] gpuUsed = [40 * GiB, 20 * GiB, 10 * GiB, 0];
        for (int minor = 0; minor < 4; minor++)
        {
            string labels = Job("1003", "dgx-001:9306", $",minor_number=\"{minor}\"");
            h.Constant("nvidia_gpu_memory_total_bytes", labels, T0 + 18000, T0 + 21600, 80 * GiB);
            h.Constant("nvidia_gpu_memory_used_bytes", labels, T0 + 18000, T0 + 21600, gpuUsed[minor]);
            h.Constant("nvidia_gpu_duty_cycle", labels, T0 + 18000, T0 + 21600, duty[minor]);
        }

        // 1004: running for 30 min at RunningNow, 2 cores, CPU 3420 s of 3600 → 95.0 %; 1.5 of 2 GiB → 75 %.
        Cgroup(h, "1004", "cpu-003:9306", T0 + 25200, RunningNow, cores: 2, cpuSeconds: 3420, limit: 2 * GiB, rss: 1.5 * GiB);

        // 1007: a 45 s job with a single sample at start+30 (= T0+36045); 25 CPU-s of 45 → 55.6 %.
        Cgroup(h, "1007", "cpu-004:9306", T0 + 36015, T0 + 36060, cores: 1, cpuSeconds: 25, limit: 1 * GiB, rss: 0.5 * GiB, constant: true);

        // 1011: two MIG slices (GPU instances 1 and 2) of GPU 0. No duty cycle for MIG: the GPM fraction × 100 is
        // used, 0.5 and 0.25 → 50 % and 25 %, mean 37.5 → 38 % (half-even). GPU memory 6 of 20 GiB → 30 %.
        // AllocTRES has only the typed entry gres/gpu:1g.10gb=2. CPU 10800 of 14400 s → 75 %; memory 8 of 16 GiB.
        Cgroup(h, "1011", "dgx-002:9306", T0 + 46800, T0 + 50400, cores: 4, cpuSeconds: 10800, limit: 16 * GiB, rss: 8 * GiB);
        double[] gpm = [0.5, 0.25];
        double[] sliceUsed = [5 * GiB, 1 * GiB];
        for (int slice = 0; slice < 2; slice++)
        {
            string labels = Job("1011", "dgx-002:9306", $",GPU_I_ID=\"{slice + 1}\",minor_number=\"0\"");
            h.Constant("nvidia_gpu_memory_total_bytes", labels, T0 + 46800, T0 + 50400, 10 * GiB);
            h.Constant("nvidia_gpu_memory_used_bytes", labels, T0 + 46800, T0 + 50400, sliceUsed[slice]);
            h.Constant("nvidia_gpu_graphics_util_percent", labels, T0 + 46800, T0 + 50400, gpm[slice]);
        }

        // 1012: a GPU whose exporter reported NaN utilization. avg_over_time gives NaN, which is not a usable figure:
        // the report says the GPU utilization is not known instead of printing "nan%" or failing.
        Cgroup(h, "1012", "dgx-003:9306", T0 + 54000, T0 + 57600, cores: 8, cpuSeconds: 25920, limit: 32 * GiB, rss: 30 * GiB);
        string broken = Job("1012", "dgx-003:9306", ",minor_number=\"0\"");
        h.Constant("nvidia_gpu_memory_total_bytes", broken, T0 + 54000, T0 + 57600, 80 * GiB);
        h.Constant("nvidia_gpu_memory_used_bytes", broken, T0 + 54000, T0 + 57600, 60 * GiB);
        h.Constant("nvidia_gpu_duty_cycle", broken, T0 + 54000, T0 + 57600, double.NaN);

        // 1013: a GPU whose exporter reported a duty cycle of 1e308: finite, but no figure a job can have (the summary
        // format refuses anything above 2^53). It is ignored like 1012's NaN: the GPU utilization is "not known".
        Cgroup(h, "1013", "dgx-004:9306", T0 + 61200, T0 + 64800, cores: 8, cpuSeconds: 25920, limit: 32 * GiB, rss: 30 * GiB);
        string huge = Job("1013", "dgx-004:9306", ",minor_number=\"0\"");
        h.Constant("nvidia_gpu_memory_total_bytes", huge, T0 + 61200, T0 + 64800, 80 * GiB);
        h.Constant("nvidia_gpu_memory_used_bytes", huge, T0 + 61200, T0 + 64800, 60 * GiB);
        h.Constant("nvidia_gpu_duty_cycle", huge, T0 + 61200, T0 + 64800, 1e308);

        // 1014: two Hopper GPUs with GPM activity (fractions, as the exporter gives them; × 100 in the query). GPU 0:
        // SM 62.5 %, tensor 37.5 %, DRAM 25 %; GPU 1: SM 12.5 %, DRAM 50 % and no tensor series (that part is left out).
        // Duty cycle 95 and 20 → 57.5 → 58 % (half-even); GPU memory 68 of 160 GiB → 42.5 → 42 %.
        // CPU 25920 of 28800 s → 90 %; memory 16 of 64 GiB → 25 %.
        Cgroup(h, "1014", "dgx-005:9306", T0 + 68400, T0 + 72000, cores: 8, cpuSeconds: 25920, limit: 64 * GiB, rss: 16 * GiB);
        double[] hopperDuty = [95, 20];
        double[] hopperUsed = [60 * GiB, 8 * GiB];
        double?[][] activity = [[0.625, 0.375, 0.25], [0.125, null, 0.5]];
        string[] activityMetrics = ["nvidia_gpu_sm_util_percent", "nvidia_gpu_any_tensor_util_percent", "nvidia_gpu_dram_bw_util_percent"];
        for (int minor = 0; minor < 2; minor++)
        {
            string labels = Job("1014", "dgx-005:9306", $",minor_number=\"{minor}\"");
            h.Constant("nvidia_gpu_memory_total_bytes", labels, T0 + 68400, T0 + 72000, 80 * GiB);
            h.Constant("nvidia_gpu_memory_used_bytes", labels, T0 + 68400, T0 + 72000, hopperUsed[minor]);
            h.Constant("nvidia_gpu_duty_cycle", labels, T0 + 68400, T0 + 72000, hopperDuty[minor]);
            for (int m = 0; m < activityMetrics.Length; m++)
                if (activity[minor][m] is double fraction) h.Constant(activityMetrics[m], labels, T0 + 68400, T0 + 72000, fraction);
        }

        // 1020: the timeline's job. One node, 8 cores, 2 GPUs for 2 h from T0+75600. CPU all 8 cores busy for the
        // first hour (28800 CPU-s), then 10 % (0.8 CPU-s a second); memory rises to 20 of 64 GiB. GPU 0 at 90 % for
        // 75 min, then idle; GPU 1 at 50 % for 30 min, then idle: the timeline shows both going flat.
        const long s1020 = T0 + 75600, e1020 = T0 + 82800;
        string l1020 = Job("1020", "dgx-006:9306");
        h.Constant("cgroup_cpus", l1020, s1020, e1020, 8);
        h.Series("cgroup_cpu_total_seconds", l1020, s1020, e1020, t => t - s1020 <= 3600 ? 8.0 * (t - s1020) : 28800 + 0.8 * (t - s1020 - 3600));
        h.Constant("cgroup_memory_total_bytes", l1020, s1020, e1020, 64 * GiB);
        h.Ramp("cgroup_memory_rss_bytes", l1020, s1020, e1020, 20 * GiB);
        double[] busyFor = [4500, 1800];
        double[] busyDuty = [90, 50];
        for (int minor = 0; minor < 2; minor++)
        {
            string labels = Job("1020", "dgx-006:9306", $",minor_number=\"{minor}\"");
            int m = minor;
            h.Constant("nvidia_gpu_memory_total_bytes", labels, s1020, e1020, 80 * GiB);
            h.Constant("nvidia_gpu_memory_used_bytes", labels, s1020, e1020, 10 * GiB);
            h.Series("nvidia_gpu_duty_cycle", labels, s1020, e1020, t => t - s1020 <= busyFor[m] ? busyDuty[m] : 0);
        }

        // 1005 (summary only), 1006 (no data) and 1008 (20 s, no data) have no series on purpose.
        return h;
    }

    private static void Cgroup(OpenMetricsHistory h, string jobId, string instance, long start, long end, int cores,
        double cpuSeconds, double limit, double rss, double? shmem = null, bool constant = false)
    {
        string labels = Job(jobId, instance);
        h.Constant("cgroup_cpus", labels, start, end, cores);
        if (constant) h.Constant("cgroup_cpu_total_seconds", labels, start, end, cpuSeconds);
        else h.Ramp("cgroup_cpu_total_seconds", labels, start, end, cpuSeconds);
        h.Constant("cgroup_memory_total_bytes", labels, start, end, limit);
        if (constant) h.Constant("cgroup_memory_rss_bytes", labels, start, end, rss);
        else h.Ramp("cgroup_memory_rss_bytes", labels, start, end, rss);
        if (shmem is double s) h.Constant("cgroup_memory_shmem_bytes", labels, start, end, s);
    }
}
