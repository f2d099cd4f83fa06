using Jobstats.Exporter.Gpu;
using Jobstats.Exporter.Logging;
using Jobstats.Exporter.Tests.Support;
using Jobstats.Testing;

namespace Jobstats.Exporter.Tests.Gpu;

/// <summary>
/// NVIDIA's own nvml.h and libnvidia-ml.so.1 (Debian bookworm non-free: libnvidia-ml-dev, libnvidia-ml1), installed,
/// or unpacked with `dpkg -x` under the directory named by JOBSTATS_NVML_ROOT. Without them these tests are reported
/// as skipped with the reason (they are never silently passed).
/// </summary>
public sealed class RealNvmlTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private static readonly string Root = Environment.GetEnvironmentVariable("JOBSTATS_NVML_ROOT") is { Length: > 0 } root ? root : "/";

    public void Dispose() => _dir.Dispose();

    private static string Header => Path.Combine(Root, "usr", "include", "nvml.h");

    private static string? Library =>
        new[] { "usr/lib/x86_64-linux-gnu/nvidia/current/libnvidia-ml.so.1", "usr/lib/x86_64-linux-gnu/libnvidia-ml.so.1" }
            .Select(p => Path.Combine(Root, p)).FirstOrDefault(File.Exists);

    [Fact]
    public void The_fake_nvml_compiles_against_the_real_header()
    {
        Assert.SkipUnless(File.Exists(Header), $"{Header} not found: install libnvidia-ml-dev (bookworm non-free) or set JOBSTATS_NVML_ROOT");
        var source = Path.Combine(AppContext.BaseDirectory, "Gpu", "FakeNvml", "fake_nvml.c");
        var result = RealProcess.Run("gcc",
        [
            "-DFAKE_NVML_REAL_HEADER", "-I", Path.GetDirectoryName(Header)!, "-Wall", "-Wextra", "-Werror", "-shared", "-fPIC",
            "-o", _dir.Combine("libfake-real-header.so"), source,
        ]);
        Assert.True(result.ExitCode == 0, "our NVML definitions disagree with nvml.h:\n" + result.StandardError);
    }

    [Fact]
    public void The_real_library_without_a_driver_disables_the_gpu_collector_cleanly()
    {
        var library = Library;
        Assert.SkipUnless(library is not null, $"libnvidia-ml.so.1 not found under {Root}: install libnvidia-ml1 (bookworm non-free) or set JOBSTATS_NVML_ROOT");
        Assert.False(File.Exists("/proc/driver/nvidia/version"), "this machine has an NVIDIA driver; the test expects none");
        var log = new StringWriter();
        var collector = new GpuCollector(library!, _dir.Path, new Log(LogLevel.Info, log));

        var text = Render.Collector(collector) + Render.Collector(collector);

        Assert.Equal(
            "jobstats_exporter_gpu_collector_enabled{reason=\"nvmlInit_v2 failed: Driver Not Loaded (9)\"} 0\n" +
            "jobstats_exporter_gpu_collector_enabled{reason=\"nvmlInit_v2 failed: Driver Not Loaded (9)\"} 0\n",
            MetricLines.Samples(text, "jobstats_exporter_gpu_collector_enabled{"));
        Assert.Equal("", MetricLines.Samples(text, "nvidia_gpu_"));
        Assert.Single(log.ToString().Split('\n'), l => l.Contains("GPU collector disabled"));
        collector.Dispose();
    }
}
