using Jobstats.Exporter.Cgroups;
using Jobstats.Exporter.Logging;
using Jobstats.Exporter.Tests.Support;
using Jobstats.Testing;

namespace Jobstats.Exporter.Tests.Cgroups;

public sealed class CgroupCollectorTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    private string Scrape(bool steps = false) => Render.Collector(new CgroupCollector(_root.Path, steps, Render.QuietLog()));

    [Fact]
    public void V1_job_level_exposition_is_exact()
    {
        CgroupTree.V1(_root.Path, "slurm", "1000", "42");

        Assert.Equal(
            """
            # HELP cgroup_cpu_user_seconds Cumulative CPU user time in seconds.
            # TYPE cgroup_cpu_user_seconds gauge
            cgroup_cpu_user_seconds{jobid="42",step="",task=""} 20.62
            # HELP cgroup_cpu_system_seconds Cumulative CPU system time in seconds.
            # TYPE cgroup_cpu_system_seconds gauge
            cgroup_cpu_system_seconds{jobid="42",step="",task=""} 1.36
            # HELP cgroup_cpu_total_seconds Cumulative CPU time in seconds.
            # TYPE cgroup_cpu_total_seconds gauge
            cgroup_cpu_total_seconds{jobid="42",step="",task=""} 21.987324835
            # HELP cgroup_cpus Number of CPUs in the cgroup's cpuset.
            # TYPE cgroup_cpus gauge
            cgroup_cpus{jobid="42",step="",task=""} 2
            # HELP cgroup_memory_rss_bytes Anonymous (RSS) memory in bytes.
            # TYPE cgroup_memory_rss_bytes gauge
            cgroup_memory_rss_bytes{jobid="42",step="",task=""} 329142272
            # HELP cgroup_memory_cache_bytes Page cache memory in bytes.
            # TYPE cgroup_memory_cache_bytes gauge
            cgroup_memory_cache_bytes{jobid="42",step="",task=""} 5783552
            # HELP cgroup_memory_shmem_bytes Shared memory in bytes.
            # TYPE cgroup_memory_shmem_bytes gauge
            cgroup_memory_shmem_bytes{jobid="42",step="",task=""} 1589248
            # HELP cgroup_memory_used_bytes Memory used in bytes.
            # TYPE cgroup_memory_used_bytes gauge
            cgroup_memory_used_bytes{jobid="42",step="",task=""} 336879616
            # HELP cgroup_memory_total_bytes Memory limit in bytes.
            # TYPE cgroup_memory_total_bytes gauge
            cgroup_memory_total_bytes{jobid="42",step="",task=""} 629145600
            # HELP cgroup_memory_fail_count Number of times the memory limit was hit.
            # TYPE cgroup_memory_fail_count gauge
            cgroup_memory_fail_count{jobid="42",step="",task=""} 0
            # HELP cgroup_memsw_used_bytes Memory plus swap used in bytes.
            # TYPE cgroup_memsw_used_bytes gauge
            # HELP cgroup_memsw_total_bytes Memory plus swap limit in bytes.
            # TYPE cgroup_memsw_total_bytes gauge
            # HELP cgroup_memsw_fail_count Number of times the memory plus swap limit was hit.
            # TYPE cgroup_memsw_fail_count gauge
            # HELP cgroup_uid Uid of the job's owner.
            # TYPE cgroup_uid gauge
            cgroup_uid{jobid="42"} 1000
            # HELP cgroup_exporter_collect_error 1 when the cgroup could not be read in this scrape.
            # TYPE cgroup_exporter_collect_error gauge

            """, Scrape());
    }

    [Fact]
    public void Multiple_slurmd_roots_are_found_and_steps_and_tasks_only_with_collect_steps()
    {
        // Debian's Slurm: slurm_<node>/ instead of slurm/. Task cgroups have no cpuset: the step's is used.
        CgroupTree.V1(_root.Path, "slurm_vm", "0", "7", values: new V1Values { Memsw = true });
        CgroupTree.V1(_root.Path, "slurm_vm", "0", "7", "batch", values: new V1Values { Cpus = "0\n" });
        CgroupTree.V1(_root.Path, "slurm_vm", "0", "7", "batch", "0", new V1Values { CpuacctUsage = "1000000000\n" });
        CgroupTree.V1(_root.Path, "slurm_vm", "0", "7", "extern");

        Assert.Equal("cgroup_cpu_total_seconds{jobid=\"7\",step=\"\",task=\"\"} 21.987324835\n",
            MetricLines.Samples(Scrape(), "cgroup_cpu_total_seconds"));

        var full = Scrape(steps: true);
        Assert.Equal("", MetricLines.Samples(full, "cgroup_exporter_collect_error{"));
        Assert.Equal(
            """
            cgroup_cpu_total_seconds{jobid="7",step="",task=""} 21.987324835
            cgroup_cpu_total_seconds{jobid="7",step="batch",task=""} 21.987324835
            cgroup_cpu_total_seconds{jobid="7",step="batch",task="0"} 1
            cgroup_cpu_total_seconds{jobid="7",step="extern",task=""} 21.987324835

            """, MetricLines.Samples(full, "cgroup_cpu_total_seconds"));
        Assert.Equal(
            """
            cgroup_cpus{jobid="7",step="",task=""} 2
            cgroup_cpus{jobid="7",step="batch",task=""} 1
            cgroup_cpus{jobid="7",step="batch",task="0"} 1
            cgroup_cpus{jobid="7",step="extern",task=""} 2

            """, MetricLines.Samples(full, "cgroup_cpus"));
        Assert.Equal(
            """
            cgroup_memsw_used_bytes{jobid="7",step="",task=""} 340000000
            cgroup_memsw_total_bytes{jobid="7",step="",task=""} 1258291200
            cgroup_memsw_fail_count{jobid="7",step="",task=""} 2

            """, MetricLines.Samples(full, "cgroup_memsw_"));
        Assert.Equal("cgroup_uid{jobid=\"7\"} 0\n", MetricLines.Samples(full, "cgroup_uid"));
    }

    [Fact]
    public void Jobs_are_ordered_numerically()
    {
        foreach (var job in new[] { "100", "9", "1000", "10" }) CgroupTree.V1(_root.Path, "slurm", "5", job);
        Assert.Equal("cgroup_uid{jobid=\"9\"} 5\ncgroup_uid{jobid=\"10\"} 5\ncgroup_uid{jobid=\"100\"} 5\ncgroup_uid{jobid=\"1000\"} 5\n",
            MetricLines.Samples(Scrape(), "cgroup_uid"));
    }

    [Fact]
    public void V2_jobs_steps_tasks_and_sluid_directories()
    {
        CgroupTree.V2(_root.Path, "job_12");
        CgroupTree.V2(_root.Path, "job_12", "0");
        CgroupTree.V2(_root.Path, "job_12", "0", "3");
        CgroupTree.V2(_root.Path, "s0A1B2C3D4E5F6", values: new V2Values { MemoryMax = "max\n" });
        // slurmstepd's own cgroup and a stray directory are not jobs.
        Directory.CreateDirectory(_root.Combine("system.slice", "slurmstepd.scope", "job_12", "step_0", "slurm"));
        Directory.CreateDirectory(_root.Combine("system.slice", "slurmstepd.scope", "system"));
        File.WriteAllText(_root.Combine("system.slice", "memory.max"), "2147483648\n");
        File.WriteAllText(_root.Combine("system.slice", "slurmstepd.scope", "memory.max"), "max\n");

        var text = Scrape(steps: true);
        Assert.Equal(
            """
            cgroup_cpu_user_seconds{jobid="12",step="",task=""} 4
            cgroup_cpu_user_seconds{jobid="12",step="0",task=""} 4
            cgroup_cpu_user_seconds{jobid="12",step="0",task="3"} 4
            cgroup_cpu_user_seconds{jobid="s0A1B2C3D4E5F6",step="",task=""} 4

            """, MetricLines.Samples(text, "cgroup_cpu_user_seconds"));
        Assert.Equal(
            """
            cgroup_cpu_system_seconds{jobid="12",step="",task=""} 1
            cgroup_cpu_system_seconds{jobid="12",step="0",task=""} 1
            cgroup_cpu_system_seconds{jobid="12",step="0",task="3"} 1
            cgroup_cpu_system_seconds{jobid="s0A1B2C3D4E5F6",step="",task=""} 1
            cgroup_cpu_total_seconds{jobid="12",step="",task=""} 5
            cgroup_cpu_total_seconds{jobid="12",step="0",task=""} 5
            cgroup_cpu_total_seconds{jobid="12",step="0",task="3"} 5
            cgroup_cpu_total_seconds{jobid="s0A1B2C3D4E5F6",step="",task=""} 5
            cgroup_cpus{jobid="12",step="",task=""} 4
            cgroup_cpus{jobid="12",step="0",task=""} 4
            cgroup_cpus{jobid="12",step="0",task="3"} 4
            cgroup_cpus{jobid="s0A1B2C3D4E5F6",step="",task=""} 4

            """, MetricLines.Samples(text, "cgroup_cpu_system") + MetricLines.Samples(text, "cgroup_cpu_total") + MetricLines.Samples(text, "cgroup_cpus"));
        var job = """{jobid="s0A1B2C3D4E5F6",step="",task=""}""";
        Assert.Equal(104857600 + 8192, MetricLines.Value(text, "cgroup_memory_rss_bytes" + job));
        Assert.Equal(20971520, MetricLines.Value(text, "cgroup_memory_cache_bytes" + job));
        Assert.Equal(4096, MetricLines.Value(text, "cgroup_memory_shmem_bytes" + job));
        Assert.Equal(130023424, MetricLines.Value(text, "cgroup_memory_used_bytes" + job));
        Assert.Equal(2147483648, MetricLines.Value(text, "cgroup_memory_total_bytes" + job)); // "max": nearest ancestor's limit
        Assert.Equal(1073741824, MetricLines.Value(text, """cgroup_memory_total_bytes{jobid="12",step="",task=""}"""));
        Assert.Equal(3, MetricLines.Value(text, "cgroup_memory_fail_count" + job));
        Assert.Equal("", MetricLines.Samples(text, "cgroup_uid{"));
        Assert.Equal("", MetricLines.Samples(text, "cgroup_exporter_collect_error{"));
    }

    [Fact]
    public void A_missing_file_marks_only_that_cgroup_as_failed()
    {
        CgroupTree.V1(_root.Path, "slurm", "1000", "1");
        var broken = CgroupTree.V1(_root.Path, "slurm", "1000", "2");
        File.Delete(_root.Combine("memory", broken, "memory.failcnt"));

        var text = Scrape();
        Assert.Equal("cgroup_exporter_collect_error{jobid=\"2\",step=\"\",task=\"\"} 1\n", MetricLines.Samples(text, "cgroup_exporter_collect_error{"));
        Assert.Equal("cgroup_memory_used_bytes{jobid=\"1\",step=\"\",task=\"\"} 336879616\n", MetricLines.Samples(text, "cgroup_memory_used_bytes"));
        Assert.DoesNotContain("jobid=\"2\",step=\"\",task=\"\"} 2", text);
    }

    [Theory]
    [InlineData("cpuacct.usage", "")]                           // created, not yet written
    [InlineData("cpuacct.usage", "2198732")]                    // fine: no newline is still a whole number
    [InlineData("cpuacct.stat", "user 2062\nsys")]              // cut mid-write
    [InlineData("cpuacct.usage", "99999999999999999999999\n")]  // does not fit
    [InlineData("cpuacct.usage", "\u00ff\u00fe garbage")]
    public void Half_written_values_never_become_samples(string file, string content)
    {
        var relative = CgroupTree.V1(_root.Path, "slurm", "1000", "3");
        File.WriteAllText(_root.Combine("cpuacct", relative, file), content);

        var text = Scrape();
        if (content == "2198732")
        {
            Assert.Equal(0.002198732, MetricLines.Value(text, """cgroup_cpu_total_seconds{jobid="3",step="",task=""}"""));
            return;
        }
        Assert.Equal("cgroup_exporter_collect_error{jobid=\"3\",step=\"\",task=\"\"} 1\n", MetricLines.Samples(text, "cgroup_exporter_collect_error{"));
        Assert.Equal("", MetricLines.Samples(text, "cgroup_cpu_total_seconds{"));
    }

    [Fact]
    public void Hostile_directory_names_are_ignored()
    {
        Directory.CreateDirectory(_root.Combine("cpuacct", "slurm", "uid_0", "job_1\"} 1\nfake_metric 1 #"));
        Directory.CreateDirectory(_root.Combine("cpuacct", "slurm", "uid_x", "job_5"));
        Directory.CreateDirectory(_root.Combine("cpuacct", "slurmish", "uid_0", "job_6"));
        CgroupTree.V1(_root.Path, "slurm", "0", "8");

        var text = Scrape(steps: true);
        Assert.DoesNotContain("fake_metric", text);
        Assert.Equal("cgroup_uid{jobid=\"8\"} 0\n", MetricLines.Samples(text, "cgroup_uid{"));
        Assert.Equal("", MetricLines.Samples(text, "cgroup_exporter_collect_error{"));
    }

    [Fact]
    public void A_job_that_ends_between_discovery_and_reading_is_skipped_without_an_error()
    {
        CgroupTree.V1(_root.Path, "slurm", "1000", "20");
        var ending = CgroupTree.V1(_root.Path, "slurm", "1000", "21");
        var layout = new VanishingLayout(new CgroupV1Layout(_root.Path), "21", () =>
        {
            foreach (var controller in new[] { "cpuacct", "memory", "cpuset" })
                Directory.Delete(_root.Combine(controller, ending), recursive: true);
        });

        var text = Render.Collector(new CgroupCollector([layout], false, Render.QuietLog()));
        Assert.Equal("cgroup_uid{jobid=\"20\"} 1000\n", MetricLines.Samples(text, "cgroup_uid{"));
        Assert.Equal("", MetricLines.Samples(text, "cgroup_exporter_collect_error{"));
    }

    [Fact]
    public void A_job_whose_memory_directory_is_gone_while_cpuacct_remains_is_skipped_without_error_or_warning()
    {
        // Slurm removes a finished job's memory cgroup before its cpuacct one: for a moment discovery (through
        // cpuacct) still finds the job, but the job has ended normally.
        CgroupTree.V1(_root.Path, "slurm", "1000", "20");
        var ending = CgroupTree.V1(_root.Path, "slurm", "1000", "21");
        CgroupTree.V1(_root.Path, "slurm", "1000", "21", "batch");
        Directory.Delete(_root.Combine("memory", ending), recursive: true);
        var log = new StringWriter();

        var text = Render.Collector(new CgroupCollector(_root.Path, true, new Log(LogLevel.Debug, log)));
        Assert.Equal("cgroup_uid{jobid=\"20\"} 1000\n", MetricLines.Samples(text, "cgroup_uid{"));
        Assert.Equal("", MetricLines.Samples(text, "cgroup_exporter_collect_error{"));
        Assert.DoesNotContain("jobid=\"21\"", text);
        Assert.DoesNotContain("level=warn", log.ToString());
        Assert.Contains("level=debug msg=\"job 21 step '' task '' ended during the scrape\"", log.ToString());
    }

    [Fact]
    public void A_cgroup_the_kernel_reports_as_removed_mid_read_is_skipped_without_error_or_warning()
    {
        // Reading a file of a cgroup removed after the file was opened fails with ENODEV, while the directory
        // may still be listed. The exception is the kernel's own, through .NET's mapping.
        var removed = RealCgroupErrors.ReadOfRemovedCgroup();
        CgroupTree.V1(_root.Path, "slurm", "1000", "20");
        CgroupTree.V1(_root.Path, "slurm", "1000", "21");
        var layout = new ThrowingLayout(new CgroupV1Layout(_root.Path), "21", removed);
        var log = new StringWriter();

        var text = Render.Collector(new CgroupCollector([layout], false, new Log(LogLevel.Info, log)));
        Assert.Equal("cgroup_uid{jobid=\"20\"} 1000\n", MetricLines.Samples(text, "cgroup_uid{"));
        Assert.Equal("", MetricLines.Samples(text, "cgroup_exporter_collect_error{"));
        Assert.Equal("", log.ToString());
    }

    [Fact]
    public void The_same_job_found_in_several_places_is_exported_once_from_the_first_place_in_path_order()
    {
        // Two uid directories, two multiple-slurmd roots and the v2 tree (a hybrid node) all hold job 42; the
        // v1 cgroup under slurm/uid_1000 wins: v1 before v2, then paths in ordinal order ('/' sorts before '_').
        CgroupTree.V1(_root.Path, "slurm_node2", "1000", "42", values: new V1Values { CpuacctUsage = "4000000000\n" });
        CgroupTree.V1(_root.Path, "slurm_node2", "1000", "42", "batch", values: new V1Values { CpuacctUsage = "4000000000\n" });
        CgroupTree.V1(_root.Path, "slurm", "2000", "42", values: new V1Values { CpuacctUsage = "2000000000\n" });
        CgroupTree.V1(_root.Path, "slurm", "1000", "42", values: new V1Values { CpuacctUsage = "1000000000\n" });
        CgroupTree.V1(_root.Path, "slurm", "1000", "42", "batch", values: new V1Values { CpuacctUsage = "1000000000\n" });
        CgroupTree.V1(_root.Path, "slurm", "1000", "42", "batch", "0", new V1Values { CpuacctUsage = "1000000000\n" });
        CgroupTree.V1(_root.Path, "slurm_node1", "3000", "42", "batch", "0", new V1Values { CpuacctUsage = "3000000000\n" });
        CgroupTree.V2(_root.Path, "job_42");
        CgroupTree.V2(_root.Path, "job_42", "batch");
        CgroupTree.V2(_root.Path, "job_43");
        CgroupTree.V2(_root.Path, "job_43", "batch");

        var text = Scrape(steps: true);
        var series = text.Split('\n').Where(l => l.Length > 0 && l[0] != '#').Select(l => l[..l.LastIndexOf(' ')]).ToList();
        Assert.Equal(series.Distinct().Count(), series.Count);
        Assert.Equal(
            """
            cgroup_cpu_total_seconds{jobid="42",step="",task=""} 1
            cgroup_cpu_total_seconds{jobid="42",step="batch",task=""} 1
            cgroup_cpu_total_seconds{jobid="42",step="batch",task="0"} 1
            cgroup_cpu_total_seconds{jobid="43",step="",task=""} 5
            cgroup_cpu_total_seconds{jobid="43",step="batch",task=""} 5

            """, MetricLines.Samples(text, "cgroup_cpu_total_seconds{"));
        Assert.Equal("cgroup_uid{jobid=\"42\"} 1000\n", MetricLines.Samples(text, "cgroup_uid{"));
        Assert.Equal("", MetricLines.Samples(text, "cgroup_exporter_collect_error{"));
    }

    [Fact]
    public void No_slurm_cgroups_means_no_samples_and_no_errors()
    {
        var text = Scrape(steps: true);
        Assert.DoesNotContain("{", text);
    }

    /// <summary>Fails every read of one job with the given exception, leaving its directories in place.</summary>
    private sealed class ThrowingLayout(ICgroupLayout inner, string jobId, Exception failure) : ICgroupLayout
    {
        public IReadOnlyList<SlurmCgroup> Discover(bool includeStepsAndTasks) => inner.Discover(includeStepsAndTasks);

        public CgroupStats Read(SlurmCgroup cgroup) => cgroup.JobId == jobId ? throw failure : inner.Read(cgroup);

        public bool StillExists(SlurmCgroup cgroup) => inner.StillExists(cgroup);
    }

    /// <summary>Removes a job's directories right before the collector reads it, like a job finishing mid-scrape.</summary>
    private sealed class VanishingLayout(ICgroupLayout inner, string jobId, Action remove) : ICgroupLayout
    {
        public IReadOnlyList<SlurmCgroup> Discover(bool includeStepsAndTasks) => inner.Discover(includeStepsAndTasks);

        public CgroupStats Read(SlurmCgroup cgroup)
        {
            if (cgroup.JobId == jobId) remove();
            return inner.Read(cgroup);
        }

        public bool StillExists(SlurmCgroup cgroup) => inner.StillExists(cgroup);
    }
}
