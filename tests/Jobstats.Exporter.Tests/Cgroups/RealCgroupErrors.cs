namespace Jobstats.Exporter.Tests.Cgroups;

/// <summary>Errors produced by the real kernel's cgroup file system (needs root and the cgroup v1 memory controller).</summary>
public static class RealCgroupErrors
{
    /// <summary>What .NET throws when a file of a cgroup is read after the cgroup was removed (ENODEV).</summary>
    public static IOException ReadOfRemovedCgroup()
    {
        var directory = Path.Combine("/sys/fs/cgroup/memory", $"jstest_removed{Random.Shared.Next(100000, 999999)}");
        Assert.True(Directory.Exists("/sys/fs/cgroup/memory"), "this test needs the cgroup v1 memory controller under /sys/fs/cgroup");
        Directory.CreateDirectory(directory);
        try
        {
            using var stream = new FileStream(Path.Combine(directory, "memory.stat"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
            Directory.Delete(directory);
            return Assert.Throws<IOException>(() => stream.Read(new byte[4096]));
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory);
        }
    }
}
