using Jobstats.Exporter.Collectors;
using Jobstats.Exporter.Gpu;
using Jobstats.Exporter.Logging;
using Jobstats.Exporter.Tests.Support;
using Jobstats.Metrics.Exposition;
using Jobstats.Testing;

namespace Jobstats.Exporter.Tests.Gpu;

/// <summary>The GPU collector through its real P/Invoke path, against the gcc-built fake NVML.</summary>
public sealed class GpuCollectorTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _gpustat;

    public GpuCollectorTests()
    {
        _gpustat = _dir.Combine("gpustat");
        Directory.CreateDirectory(_gpustat);
    }

    public void Dispose() => _dir.Dispose();

    private string Scrape(FakeNvml nvml, Log? log = null) =>
        Render.Collector(new GpuCollector(nvml.LibraryPath, _gpustat, log ?? Render.QuietLog()));

    [Fact]
    public void Full_gpus_are_labelled_with_their_owner_by_uuid_then_by_index()
    {
        // GPU 0 has minor number 2 (Slurm's numbering) but NVML index 0: only the UUID file is unambiguous.
        using var nvml = FakeNvml.Build(_dir.Combine("nvml"),
            """
            gpu 2 GPU-11111111-2222-3333-4444-555555555555 85899345920 1073741824 37 65000 41 - NVIDIA A100-SXM4-80GB
            gpu 0 GPU-66666666-7777-8888-9999-000000000000 85899345920 0 0 61000 35 - NVIDIA A100-SXM4-80GB
            """);
        File.WriteAllText(Path.Combine(_gpustat, "GPU-11111111-2222-3333-4444-555555555555"), "4242 1000\n");
        File.WriteAllText(Path.Combine(_gpustat, "1"), "4343 1001");

        var text = Scrape(nvml);
        const string gpu0 = """ordinal="0",minor_number="2",uuid="GPU-11111111-2222-3333-4444-555555555555",name="NVIDIA A100-SXM4-80GB",GPU_I_ID="",jobid="4242",userid="1000" """;
        const string gpu1 = """ordinal="1",minor_number="0",uuid="GPU-66666666-7777-8888-9999-000000000000",name="NVIDIA A100-SXM4-80GB",GPU_I_ID="",jobid="4343",userid="1001" """;
        Assert.Equal(
            $$"""
            nvidia_gpu_num_devices 2
            nvidia_gpu_memory_used_bytes{{{gpu0.TrimEnd()}}} 1073741824
            nvidia_gpu_memory_used_bytes{{{gpu1.TrimEnd()}}} 0
            nvidia_gpu_memory_total_bytes{{{gpu0.TrimEnd()}}} 85899345920
            nvidia_gpu_memory_total_bytes{{{gpu1.TrimEnd()}}} 85899345920
            nvidia_gpu_duty_cycle{{{gpu0.TrimEnd()}}} 37
            nvidia_gpu_duty_cycle{{{gpu1.TrimEnd()}}} 0
            nvidia_gpu_power_usage_milliwatts{{{gpu0.TrimEnd()}}} 65000
            nvidia_gpu_power_usage_milliwatts{{{gpu1.TrimEnd()}}} 61000
            nvidia_gpu_temperature_celsius{{{gpu0.TrimEnd()}}} 41
            nvidia_gpu_temperature_celsius{{{gpu1.TrimEnd()}}} 35
            nvidia_gpu_jobId{{{gpu0.TrimEnd()}}} 4242
            nvidia_gpu_jobId{{{gpu1.TrimEnd()}}} 4343
            nvidia_gpu_jobUid{{{gpu0.TrimEnd()}}} 1000
            nvidia_gpu_jobUid{{{gpu1.TrimEnd()}}} 1001

            """, MetricLines.Samples(text, "nvidia_gpu_"));
        Assert.Contains("jobstats_exporter_gpu_collector_enabled{reason=\"\"} 1\n", text);
    }

    [Fact]
    public void Mig_instances_are_reported_per_instance_without_duty_cycle()
    {
        using var nvml = FakeNvml.Build(_dir.Combine("nvml"),
            """
            gpu 0 GPU-aaaaaaaa-0000-0000-0000-000000000000 85899345920 0 0 90000 50 mig NVIDIA H100 80GB HBM3
            mig 0 0 7 MIG-11111111-0000-0000-0000-000000000000 10737418240 5368709120 NVIDIA H100 80GB HBM3 MIG 1g.10gb
            mig 0 3 9 MIG-22222222-0000-0000-0000-000000000000 21474836480 0 NVIDIA H100 80GB HBM3 MIG 2g.20gb
            """);
        File.WriteAllText(Path.Combine(_gpustat, "0.9"), "77 2000\n");
        File.WriteAllText(Path.Combine(_gpustat, "MIG-11111111-0000-0000-0000-000000000000"), "76 2001\n");
        File.WriteAllText(Path.Combine(_gpustat, "0"), "99 3000\n"); // the whole-GPU file must not label MIG instances

        var text = Scrape(nvml);
        Assert.Equal(
            """
            nvidia_gpu_memory_used_bytes{ordinal="0",minor_number="0",uuid="MIG-11111111-0000-0000-0000-000000000000",name="NVIDIA H100 80GB HBM3 MIG 1g.10gb",GPU_I_ID="7",jobid="76",userid="2001"} 5368709120
            nvidia_gpu_memory_used_bytes{ordinal="0",minor_number="0",uuid="MIG-22222222-0000-0000-0000-000000000000",name="NVIDIA H100 80GB HBM3 MIG 2g.20gb",GPU_I_ID="9",jobid="77",userid="2000"} 0

            """, MetricLines.Samples(text, "nvidia_gpu_memory_used_bytes"));
        Assert.Equal("", MetricLines.Samples(text, "nvidia_gpu_duty_cycle"));
        Assert.Equal("", MetricLines.Samples(text, "nvidia_gpu_power_usage_milliwatts")); // NOT_SUPPORTED on MIG handles
        Assert.Equal("nvidia_gpu_num_devices 1\n", MetricLines.Samples(text, "nvidia_gpu_num_devices"));
    }

    [Fact]
    public void Gpm_graphics_utilisation_is_a_fraction_between_two_scrapes_for_gpus_and_mig_instances()
    {
        using var nvml = FakeNvml.Build(_dir.Combine("nvml"),
            """
            gpu 0 GPU-aaaaaaaa-0000-0000-0000-000000000000 1000 10 40 1000 30 gpm NVIDIA H100
            gpu 1 GPU-bbbbbbbb-0000-0000-0000-000000000000 1000 10 0 1000 30 mig,gpm NVIDIA H100
            mig 1 0 3 MIG-cccccccc-0000-0000-0000-000000000000 100 1 NVIDIA H100 MIG 1g.10gb
            gpm_util MIG-cccccccc-0000-0000-0000-000000000000 12.5
            gpu 2 GPU-dddddddd-0000-0000-0000-000000000000 1000 10 40 1000 30 - NVIDIA A100
            """);
        var collector = new GpuCollector(nvml.LibraryPath, _gpustat, Render.QuietLog());

        var first = Render.Collector(collector);
        var second = Render.Collector(collector);

        Assert.Equal("", MetricLines.Samples(first, "nvidia_gpu_graphics_util_percent{")); // no earlier sample yet
        Assert.Equal(
            """
            nvidia_gpu_graphics_util_percent{ordinal="0",minor_number="0",uuid="GPU-aaaaaaaa-0000-0000-0000-000000000000",name="NVIDIA H100",GPU_I_ID="",jobid="",userid=""} 0.4
            nvidia_gpu_graphics_util_percent{ordinal="1",minor_number="1",uuid="MIG-cccccccc-0000-0000-0000-000000000000",name="NVIDIA H100 MIG 1g.10gb",GPU_I_ID="3",jobid="",userid=""} 0.125

            """, MetricLines.Samples(second, "nvidia_gpu_graphics_util_percent{"));
        collector.Dispose();
    }

    [Fact]
    public void Not_supported_queries_only_drop_their_own_metric()
    {
        using var nvml = FakeNvml.Build(_dir.Combine("nvml"),
            "gpu 0 GPU-aaaaaaaa-0000-0000-0000-000000000000 1000 10 5 1000 30 nopower,notemp NVIDIA T4");
        var text = Scrape(nvml);
        Assert.Equal("", MetricLines.Samples(text, "nvidia_gpu_power_usage_milliwatts"));
        Assert.Equal("", MetricLines.Samples(text, "nvidia_gpu_temperature_celsius"));
        Assert.Equal(5, MetricLines.Value(text, "nvidia_gpu_duty_cycle{"));
        Assert.Equal(10, MetricLines.Value(text, "nvidia_gpu_memory_used_bytes{"));
    }

    [Fact]
    public void A_lost_gpu_is_reported_and_the_others_still_are_collected()
    {
        using var nvml = FakeNvml.Build(_dir.Combine("nvml"),
            """
            gpu 0 GPU-aaaaaaaa-0000-0000-0000-000000000000 1000 10 5 1000 30 lost NVIDIA A100
            gpu 1 GPU-bbbbbbbb-0000-0000-0000-000000000000 1000 20 6 1000 30 - NVIDIA A100
            """);
        var text = Scrape(nvml);
        Assert.Equal("jobstats_exporter_gpu_device_error{ordinal=\"0\",error=\"GPU is lost\"} 1\n",
            MetricLines.Samples(text, "jobstats_exporter_gpu_device_error{"));
        Assert.Equal(20, MetricLines.Value(text, "nvidia_gpu_memory_used_bytes{"));
        Assert.Equal("nvidia_gpu_num_devices 2\n", MetricLines.Samples(text, "nvidia_gpu_num_devices"));
    }

    [Fact]
    public void Driver_not_loaded_disables_the_collector_once_and_the_scrape_still_succeeds()
    {
        using var nvml = FakeNvml.Build(_dir.Combine("nvml"), "init_error 9");
        var logText = new StringWriter();
        var log = new Log(LogLevel.Info, logText);
        var collector = new GpuCollector(nvml.LibraryPath, _gpustat, log);
        var scraper = new Scraper([("gpu", collector)], log);

        var first = ExpositionWriter.Write(scraper.Scrape(), ExpositionFormat.PrometheusText);
        var second = ExpositionWriter.Write(scraper.Scrape(), ExpositionFormat.PrometheusText);

        foreach (var text in new[] { first, second })
        {
            Assert.Contains("jobstats_exporter_gpu_collector_enabled{reason=\"nvmlInit_v2 failed: Driver Not Loaded (9)\"} 0\n", text);
            Assert.Contains("jobstats_exporter_collector_success{collector=\"gpu\"} 1\n", text);
            Assert.Equal("", MetricLines.Samples(text, "nvidia_gpu_num_devices "));
        }
        Assert.Single(logText.ToString().Split('\n'), l => l.Contains("GPU collector disabled"));
    }

    [Fact]
    public void A_missing_library_disables_only_the_gpu_collector()
    {
        using var root = new TempDirectory();
        CgroupTree.V1(root.Path, "slurm", "0", "5");
        var log = Render.QuietLog();
        var scraper = new Scraper(
        [
            ("cgroup", new Jobstats.Exporter.Cgroups.CgroupCollector(root.Path, false, log)),
            ("gpu", new GpuCollector(_dir.Combine("no-such-libnvidia-ml.so.1"), _gpustat, log)),
        ], log);
        var text = ExpositionWriter.Write(scraper.Scrape(), ExpositionFormat.PrometheusText);
        Assert.Contains("cgroup_uid{jobid=\"5\"} 0\n", text);
        Assert.Matches("jobstats_exporter_gpu_collector_enabled\\{reason=\"cannot load .*no-such-libnvidia-ml.so.1.*\"\\} 0\n", text);
    }
}
