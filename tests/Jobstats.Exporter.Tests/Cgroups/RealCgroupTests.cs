using System.Diagnostics;
using Jobstats.Exporter.Tests.Support;

namespace Jobstats.Exporter.Tests.Cgroups;

/// <summary>
/// Real kernel cgroups (v1, writable by root on this machine): a Slurm-shaped hierarchy with a busy process in it,
/// scraped twice through the published exporter. The hierarchy has a unique root name and is removed afterwards.
/// </summary>
public sealed class RealCgroupTests : IDisposable
{
    private const string CgroupRoot = "/sys/fs/cgroup";
    private static readonly string[] Controllers = ["cpuacct", "memory", "cpuset"];
    private readonly string _slurmRoot = $"slurm_jstest{Random.Shared.Next(100000, 999999)}";
    private readonly string _jobId = Random.Shared.Next(90000000, 99999999).ToString(System.Globalization.CultureInfo.InvariantCulture);
    private Process? _busy;

    private string[] Levels => [_slurmRoot, $"{_slurmRoot}/uid_0", $"{_slurmRoot}/uid_0/job_{_jobId}"];

    [Fact]
    public void Cpu_seconds_and_memory_of_a_running_job_grow_between_scrapes()
    {
        Assert.True(Directory.Exists(Path.Combine(CgroupRoot, "cpuacct")), "this test needs cgroup v1 controllers under /sys/fs/cgroup");
        CreateHierarchy();
        _busy = StartBusyProcessInJob();

        using var exporter = new ExporterProcess(["--cgroup-root", CgroupRoot, "--no-gpu-collector"]);
        var series = $"{{jobid=\"{_jobId}\",step=\"\",task=\"\"}}";
        Thread.Sleep(700);
        var first = exporter.Scrape();
        Thread.Sleep(1500);
        var second = exporter.Scrape();

        var cpu1 = MetricLines.Value(first, "cgroup_cpu_total_seconds" + series);
        var cpu2 = MetricLines.Value(second, "cgroup_cpu_total_seconds" + series);
        var mem1 = MetricLines.Value(first, "cgroup_memory_used_bytes" + series);
        var mem2 = MetricLines.Value(second, "cgroup_memory_used_bytes" + series);
        var rss2 = MetricLines.Value(second, "cgroup_memory_rss_bytes" + series);
        Assert.True(cpu2 > cpu1 && cpu1 > 0, $"CPU seconds did not grow: {cpu1} -> {cpu2}");
        Assert.True(mem2 > mem1 && mem1 > 0, $"memory did not grow: {mem1} -> {mem2}");
        Assert.True(rss2 > 10 * 1024 * 1024, $"total_rss of the job should hold the process's memory, got {rss2}");
        Assert.Equal(0, MetricLines.Value(second, $"cgroup_uid{{jobid=\"{_jobId}\"}}"));
        Assert.True(MetricLines.Value(second, "cgroup_cpus" + series) >= 1);
        Assert.DoesNotContain($"cgroup_exporter_collect_error{series}", second);
    }

    private void CreateHierarchy()
    {
        var cpus = File.ReadAllText(Path.Combine(CgroupRoot, "cpuset", "cpuset.cpus")).Trim();
        var mems = File.ReadAllText(Path.Combine(CgroupRoot, "cpuset", "cpuset.mems")).Trim();
        foreach (var level in Levels)
        foreach (var controller in Controllers)
        {
            var dir = Path.Combine(CgroupRoot, controller, level);
            Directory.CreateDirectory(dir);
            if (controller == "cpuset")
            {
                // A cpuset cgroup takes no tasks (and gives none to children) until cpus and mems are set.
                File.WriteAllText(Path.Combine(dir, "cpuset.cpus"), cpus);
                File.WriteAllText(Path.Combine(dir, "cpuset.mems"), mems);
            }
        }
    }

    private Process StartBusyProcessInJob()
    {
        // Waits for a line on stdin (sent once it is inside the job's cgroups, so its memory is charged there),
        // then burns CPU and grows its memory at 50 MiB per second of wall time (up to 1.5 GiB), so both keep
        // growing between the scrapes however fast or loaded the machine is.
        var info = new ProcessStartInfo("perl", ["-MTime::HiRes=time", "-e",
            "<STDIN>; my $start = time; my @keep; while (1) { my $x = 0; $x++ for 1 .. 20000; " +
            "my $want = int((time - $start) * 50); push @keep, 'a' x 1048576 while @keep < $want && @keep < 1536; }"])
        {
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        var process = Process.Start(info)!;
        foreach (var controller in Controllers)
            File.WriteAllText(Path.Combine(CgroupRoot, controller, Levels[^1], "tasks"), process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        process.StandardInput.WriteLine("go");
        process.StandardInput.Flush();
        return process;
    }

    public void Dispose()
    {
        if (_busy is not null)
        {
            if (!_busy.HasExited) _busy.Kill();
            _busy.WaitForExit(10_000);
            _busy.Dispose();
        }
        // Leaf first; an emptied memory cgroup can need a moment before rmdir succeeds.
        foreach (var level in Levels.Reverse())
        foreach (var controller in Controllers)
        {
            var dir = Path.Combine(CgroupRoot, controller, level);
            for (var attempt = 0; attempt < 50 && Directory.Exists(dir); attempt++)
            {
                try
                {
                    Directory.Delete(dir);
                }
                catch (IOException)
                {
                    Thread.Sleep(100);
                }
            }
        }
    }
}
