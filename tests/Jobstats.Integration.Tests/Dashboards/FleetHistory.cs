using System.Globalization;
using Jobstats.Integration.Tests.Report;

namespace Jobstats.Integration.Tests.Dashboards;

/// <summary>
/// Three hours of a small fleet as our exporters and the summary service expose it, for the fleet dashboard's queries.
/// Every job runs the whole three hours, so the dashboard's two-hour range ending at <see cref="End"/> sees each at a
/// steady rate and the expected figures are plain arithmetic:
/// <list type="bullet">
/// <item>c1, alice/physics: 101 on n1 (4 cores, 2 busy; also a step series that must not count twice) and 102 on n2
/// (4 cores, 2 busy): 50 % CPU. Memory 2 of 8 GiB each: 25 %. 102 holds two GPUs at 0 % and 50 %: not idle.</item>
/// <item>c1, bob/chem: 103 (8 cores, 2 busy: 25 %; 12 of 16 GiB: 75 %), GPUs at 80 % and 40 %.</item>
/// <item>c1, carol/chem: 104 (2 cores, both busy: 100 %; 1 of 4 GiB), one GPU at 0 %: the only job with idle GPUs.</item>
/// <item>c1, 105: no info series (squeue has not told its owner): 2 cores, 1 busy, counts for the cluster only.</item>
/// <item>c1: a GPU at 0 % that no job holds (jobid=""): idle hardware, not waste.</item>
/// <item>c2, dave/bio: 201 (10 cores, 9 busy: 90 %; 5 of 10 GiB).</item>
/// </list>
/// Job 101's info comes from both controllers of c1 (an HA pair runs the service twice).
/// </summary>
internal static class FleetHistory
{
    public const long T0 = 1_767_225_600; // 2026-01-01 00:00 UTC, a whole hour, so one-minute subquery steps line up
    public const long End = T0 + 3 * 3600;
    private const double GiB = 1024.0 * 1024 * 1024;

    public static string Build()
    {
        var h = new OpenMetricsHistory();
        Job(h, "c1", "n1", "101", cores: 4, busy: 2, memory: 8, rss: 2);
        Job(h, "c1", "n1", "101", cores: 4, busy: 2, memory: 8, rss: 2, step: "batch");
        Job(h, "c1", "n2", "102", cores: 4, busy: 2, memory: 8, rss: 2);
        Job(h, "c1", "n3", "103", cores: 8, busy: 2, memory: 16, rss: 12);
        Job(h, "c1", "n4", "104", cores: 2, busy: 2, memory: 4, rss: 1);
        Job(h, "c1", "n4", "105", cores: 2, busy: 1, memory: 2, rss: 1);
        Job(h, "c2", "m1", "201", cores: 10, busy: 9, memory: 10, rss: 5);

        Gpu(h, "c1", "n2", 0, "102", "1001", 0);
        Gpu(h, "c1", "n2", 1, "102", "1001", 50);
        Gpu(h, "c1", "n3", 0, "103", "1002", 80);
        Gpu(h, "c1", "n3", 1, "103", "1002", 40);
        Gpu(h, "c1", "n4", 0, "104", "1003", 0);
        Gpu(h, "c1", "n4", 1, "", "", 0);

        Info(h, "c1", "head1", "101", "alice", "physics", "cpu");
        Info(h, "c1", "head2", "101", "alice", "physics", "cpu");
        Info(h, "c1", "head1", "102", "alice", "physics", "gpu");
        Info(h, "c1", "head1", "103", "bob", "chem", "gpu");
        Info(h, "c1", "head1", "104", "carol", "chem", "gpu");
        Info(h, "c2", "head9", "201", "dave", "bio", "cpu");
        return h.ToString();
    }

    private static void Job(OpenMetricsHistory h, string cluster, string node, string jobid, int cores, double busy, double memory, double rss, string step = "")
    {
        string labels = $"cluster=\"{cluster}\",instance=\"{node}:9306\",job=\"jobstats-exporter\",jobid=\"{jobid}\",step=\"{step}\",task=\"\"";
        h.Constant("cgroup_cpus", labels, T0, End, cores);
        h.Ramp("cgroup_cpu_total_seconds", labels, T0, End, busy * (End - T0));
        h.Ramp("cgroup_cpu_user_seconds", labels, T0, End, 0.9 * busy * (End - T0));
        h.Constant("cgroup_memory_total_bytes", labels, T0, End, memory * GiB);
        h.Constant("cgroup_memory_rss_bytes", labels, T0, End, rss * GiB);
        h.Constant("cgroup_memory_used_bytes", labels, T0, End, (rss + 0.5) * GiB);
    }

    private static void Gpu(OpenMetricsHistory h, string cluster, string node, int ordinal, string jobid, string uid, double utilisation)
    {
        string o = ordinal.ToString(CultureInfo.InvariantCulture);
        string labels = $"cluster=\"{cluster}\",instance=\"{node}:9306\",job=\"jobstats-exporter\",ordinal=\"{o}\",minor_number=\"{o}\"," +
                        $"uuid=\"GPU-{node}-{o}\",name=\"NVIDIA H100 80GB HBM3\",GPU_I_ID=\"\",jobid=\"{jobid}\",userid=\"{uid}\"";
        h.Constant("nvidia_gpu_duty_cycle", labels, T0, End, utilisation);
        h.Constant("nvidia_gpu_memory_total_bytes", labels, T0, End, 80 * GiB);
        h.Constant("nvidia_gpu_memory_used_bytes", labels, T0, End, utilisation > 0 ? 40 * GiB : 0);
    }

    private static void Info(OpenMetricsHistory h, string cluster, string controller, string jobid, string user, string account, string partition) =>
        h.Constant("jobstats_job_info",
            $"cluster=\"{cluster}\",instance=\"{controller}:9307\",job=\"jobstats-summaries\",jobid=\"{jobid}\",user=\"{user}\",account=\"{account}\",partition=\"{partition}\"",
            T0, End, 1);
}
