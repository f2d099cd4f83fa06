using Jobstats.Exporter.Tests.Support;
using Jobstats.Testing;

namespace Jobstats.Exporter.Tests.Gpu;

/// <summary>The GPU families through the published NativeAOT jobstats-exporter and the fake NVML, over HTTP.</summary>
public sealed class GpuExporterProgramTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task The_native_program_exports_every_gpu_family_from_its_second_scrape_on()
    {
        const string uuid = "GPU-abcdef01-0000-0000-0000-000000000000";
        using var nvml = FakeNvml.Build(_root.Combine("nvml"),
            $"""
            gpu 0 {uuid} 1000 250 12 70000 44 gpm NVIDIA H100
            fan {uuid} 35
            clocks {uuid} 1980 1980 2619 1545
            clock_reasons {uuid} 0x4
            ecc {uuid} 0 3 0 1
            gpm_metric {uuid} 2 48
            gpm_metric {uuid} 5 25
            gpm_metric {uuid} 10 30
            gpm_metric {uuid} 60 2
            """);
        Directory.CreateDirectory(_root.Combine("gpustat"));
        using var exporter = new ExporterProcess(
            ["--no-cgroup-collector", "--gpustat-dir", _root.Combine("gpustat"), "--nvml-library", nvml.LibraryPath]);
        var cancel = TestContext.Current.CancellationToken;
        var url = $"http://127.0.0.1:{exporter.Port}/metrics";

        var first = await exporter.Client.GetStringAsync(url, cancel);
        var second = await exporter.Client.GetStringAsync(url, cancel);

        const string labels = $"ordinal=\"0\",minor_number=\"0\",uuid=\"{uuid}\",name=\"NVIDIA H100\",GPU_I_ID=\"\",jobid=\"\",userid=\"\"";
        Assert.Equal("", MetricLines.Samples(first, "nvidia_gpu_sm_util_percent{"));
        foreach (var line in new[]
                 {
                     $"nvidia_gpu_fanspeed_percent{{{labels}}} 35",
                     $"nvidia_gpu_clock{{{labels},type=\"video\"}} 1545",
                     $"nvidia_gpu_clock_event_reason{{{labels},reason=\"sw_power_cap\"}} 4",
                     $"nvidia_gpu_ecc_errors{{ordinal=\"0\",minor_number=\"0\",uuid=\"{uuid}\",name=\"NVIDIA H100\",error=\"corrected\",counter=\"aggregate\"}} 3",
                     $"nvidia_gpu_graphics_util_percent{{{labels}}} 0.12",
                     $"nvidia_gpu_sm_util_percent{{{labels}}} 0.48",
                     $"nvidia_gpu_any_tensor_util_percent{{{labels}}} 0.25",
                     $"nvidia_gpu_dram_bw_util_percent{{{labels}}} 0.3",
                     $"nvidia_gpu_nvlink_total_rx_per_sec{{{labels}}} 2097152",
                 })
            Assert.Contains(line + "\n", second);
        Assert.Contains("jobstats_exporter_collector_success{collector=\"gpu\"} 1\n", second);
        Assert.Equal("", MetricLines.Samples(second, "nvidia_gpu_last_error{"));
    }
}
