using Jobstats.Exporter.Gpu;
using Jobstats.Exporter.Tests.Support;
using Jobstats.Testing;

namespace Jobstats.Exporter.Tests.Gpu;

/// <summary>
/// The families beyond memory, duty cycle, power and temperature (fan, clocks, clock event reasons, ECC, last error,
/// GPM), through the real P/Invoke path against the gcc-built fake NVML.
/// </summary>
public sealed class GpuFamilyTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _gpustat;

    private const string Gpu0 = "GPU-aaaaaaaa-0000-0000-0000-000000000000";
    private const string Gpu1 = "GPU-bbbbbbbb-0000-0000-0000-000000000000";
    private const string Gpu2 = "GPU-dddddddd-0000-0000-0000-000000000000";
    private const string Mig = "MIG-cccccccc-0000-0000-0000-000000000000";

    public GpuFamilyTests()
    {
        _gpustat = _dir.Combine("gpustat");
        Directory.CreateDirectory(_gpustat);
    }

    public void Dispose() => _dir.Dispose();

    private static string Labels(string ordinal, string uuid, string name, string gi = "", string job = "", string uid = "") =>
        $"ordinal=\"{ordinal}\",minor_number=\"{ordinal}\",uuid=\"{uuid}\",name=\"{name}\",GPU_I_ID=\"{gi}\",jobid=\"{job}\",userid=\"{uid}\"";

    private GpuCollector Collector(string config) =>
        new(FakeNvml.Build(_dir.Combine("nvml"), config).LibraryPath, _gpustat, Render.QuietLog());

    [Fact]
    public void Fan_speed_and_clocks_per_type_are_exported_and_absent_where_not_supported()
    {
        using var collector = Collector(
            $"""
            gpu 0 {Gpu0} 1000 10 5 1000 30 - NVIDIA A100
            fan {Gpu0} 45
            clocks {Gpu0} 1410 1410 1593 -
            gpu 1 {Gpu1} 1000 10 5 1000 30 - NVIDIA H100
            """);
        File.WriteAllText(Path.Combine(_gpustat, Gpu0), "4242 1000\n");

        var text = Render.Collector(collector);

        var gpu0 = Labels("0", Gpu0, "NVIDIA A100", job: "4242", uid: "1000");
        Assert.Equal($"nvidia_gpu_fanspeed_percent{{{gpu0}}} 45\n", MetricLines.Samples(text, "nvidia_gpu_fanspeed_percent{"));
        Assert.Equal(
            $$"""
            nvidia_gpu_clock{{{gpu0}},type="graphics"} 1410
            nvidia_gpu_clock{{{gpu0}},type="sm"} 1410
            nvidia_gpu_clock{{{gpu0}},type="mem"} 1593

            """, MetricLines.Samples(text, "nvidia_gpu_clock{"));
        Assert.Equal("", MetricLines.Samples(text, "nvidia_gpu_last_error{")); // NOT_SUPPORTED is no error
    }

    [Theory]
    [InlineData("0x0", "none", 0)]
    [InlineData("0x1", "gpu_idle", 1)]
    [InlineData("0x5", "gpu_idle,sw_power_cap", 5)]
    [InlineData("0x1fe", "applications_clocks_setting,sw_power_cap,hw_slowdown,sync_boost,sw_thermal_slowdown,hw_thermal_slowdown,hw_power_brake_slowdown,display_clock_setting", 510)]
    [InlineData("0x208", "hw_slowdown,bit9", 520)]
    public void Clock_event_reasons_name_the_bits_of_the_mask_which_is_the_value(string mask, string reason, double value)
    {
        using var collector = Collector(
            $"""
            gpu 0 {Gpu0} 1000 10 5 1000 30 - NVIDIA A100
            clock_reasons {Gpu0} {mask}
            """);

        var text = Render.Collector(collector);

        Assert.Equal($"nvidia_gpu_clock_event_reason{{{Labels("0", Gpu0, "NVIDIA A100")},reason=\"{reason}\"}} {value}\n",
            MetricLines.Samples(text, "nvidia_gpu_clock_event_reason{"));
    }

    [Fact]
    public void A_library_before_driver_535_gives_the_clock_event_reasons_through_the_old_throttle_reasons_call()
    {
        using var nvml = FakeNvml.Build(_dir.Combine("old"), $"gpu 0 {Gpu0} 1000 10 5 1000 30 - NVIDIA A100\nclock_reasons {Gpu0} 0x20",
            beforeDriver535: true);
        using var collector = new GpuCollector(nvml.LibraryPath, _gpustat, Render.QuietLog());

        var text = Render.Collector(collector);

        Assert.Contains("jobstats_exporter_gpu_collector_enabled{reason=\"\"} 1\n", text);
        Assert.Equal($"nvidia_gpu_clock_event_reason{{{Labels("0", Gpu0, "NVIDIA A100")},reason=\"sw_thermal_slowdown\"}} 32\n",
            MetricLines.Samples(text, "nvidia_gpu_clock_event_reason{"));
    }

    [Fact]
    public void Ecc_errors_belong_to_the_physical_gpu_and_a_mig_gpu_has_no_volatile_counts()
    {
        using var collector = Collector(
            $"""
            gpu 0 {Gpu0} 1000 10 5 1000 30 - NVIDIA A100
            ecc {Gpu0} 1 2 3 4
            gpu 1 {Gpu1} 1000 10 0 1000 30 mig NVIDIA H100
            mig 1 0 3 {Mig} 100 1 NVIDIA H100 MIG 1g.10gb
            ecc {Gpu1} 5 6 7 8
            gpu 2 {Gpu2} 1000 10 5 1000 30 - NVIDIA T4
            """);
        File.WriteAllText(Path.Combine(_gpustat, Mig), "77 2000\n");

        var text = Render.Collector(collector);

        const string gpu0 = $"ordinal=\"0\",minor_number=\"0\",uuid=\"{Gpu0}\",name=\"NVIDIA A100\"";
        const string gpu1 = $"ordinal=\"1\",minor_number=\"1\",uuid=\"{Gpu1}\",name=\"NVIDIA H100\"";
        Assert.Equal(
            $$"""
            nvidia_gpu_ecc_errors{{{gpu0}},error="corrected",counter="volatile"} 1
            nvidia_gpu_ecc_errors{{{gpu0}},error="corrected",counter="aggregate"} 2
            nvidia_gpu_ecc_errors{{{gpu0}},error="uncorrected",counter="volatile"} 3
            nvidia_gpu_ecc_errors{{{gpu0}},error="uncorrected",counter="aggregate"} 4
            nvidia_gpu_ecc_errors{{{gpu1}},error="corrected",counter="aggregate"} 6
            nvidia_gpu_ecc_errors{{{gpu1}},error="uncorrected",counter="aggregate"} 8

            """, MetricLines.Samples(text, "nvidia_gpu_ecc_errors{"));
    }

    [Fact]
    public void Last_error_is_the_code_of_a_failed_query_whose_family_alone_is_dropped()
    {
        using var collector = Collector(
            $"""
            gpu 0 {Gpu0} 1000 10 5 1000 30 - NVIDIA A100
            fan {Gpu0} 30
            fail {Gpu0} power 999
            fail {Gpu0} temp 3
            gpu 1 {Gpu1} 1000 10 0 1000 30 mig NVIDIA H100
            mig 1 0 3 {Mig} 100 1 NVIDIA H100 MIG 1g.10gb
            fail {Mig} memory 4
            gpu 2 {Gpu2} 1000 10 5 1000 30 lost NVIDIA T4
            """);

        var text = Render.Collector(collector);

        Assert.Equal(
            $$"""
            nvidia_gpu_last_error{ordinal="0",minor_number="0",uuid="{{Gpu0}}",name="NVIDIA A100",GPU_I_ID=""} 999
            nvidia_gpu_last_error{ordinal="1",minor_number="1",uuid="{{Mig}}",name="NVIDIA H100 MIG 1g.10gb",GPU_I_ID="3"} 4
            nvidia_gpu_last_error{ordinal="2",minor_number="",uuid="",name="",GPU_I_ID=""} 15

            """, MetricLines.Samples(text, "nvidia_gpu_last_error{"));
        Assert.Equal("", MetricLines.Samples(text, "nvidia_gpu_power_usage_milliwatts{"));
        Assert.Equal("", MetricLines.Samples(text, "nvidia_gpu_temperature_celsius{"));
        Assert.Equal(30, MetricLines.Value(text, "nvidia_gpu_fanspeed_percent{"));
        Assert.Equal(5, MetricLines.Value(text, $"nvidia_gpu_duty_cycle{{ordinal=\"0\""));
        Assert.Equal("", MetricLines.Samples(text, $"nvidia_gpu_memory_used_bytes{{ordinal=\"1\""));
        Assert.Equal("jobstats_exporter_gpu_device_error{ordinal=\"2\",error=\"GPU is lost\"} 1\n",
            MetricLines.Samples(text, "jobstats_exporter_gpu_device_error{"));
    }

    [Fact]
    public void Gpm_metrics_are_fractions_and_bytes_per_second_from_the_second_scrape_per_gpu_and_mig_instance()
    {
        using var collector = Collector(
            $"""
            gpu 0 {Gpu0} 1000 10 40 1000 30 gpm NVIDIA H100
            gpm_metric {Gpu0} 2 57
            gpm_metric {Gpu0} 3 33.5
            gpm_metric {Gpu0} 4 7
            gpm_metric {Gpu0} 5 81
            gpm_metric {Gpu0} 10 64
            gpm_metric {Gpu0} 11 1
            gpm_metric {Gpu0} 12 12
            gpm_metric {Gpu0} 13 3
            gpm_metric {Gpu0} 20 1.5
            gpm_metric {Gpu0} 21 2
            gpm_metric {Gpu0} 60 100
            gpm_metric {Gpu0} 61 0.25
            gpu 1 {Gpu1} 1000 10 0 1000 30 mig,gpm NVIDIA H100
            mig 1 0 3 {Mig} 100 1 NVIDIA H100 MIG 1g.10gb
            gpm_util {Mig} 12.5
            gpm_metric {Mig} 2 25
            gpm_metric {Mig} 5 50
            gpu 2 {Gpu2} 1000 10 40 1000 30 - NVIDIA A100
            gpm_metric {Gpu2} 2 99
            """);
        File.WriteAllText(Path.Combine(_gpustat, Mig), "77 2000\n");

        var first = Render.Collector(collector);
        var second = Render.Collector(collector);

        string[] families =
        [
            "graphics_util_percent", "sm_util_percent", "sm_occupancy_percent", "integer_util", "any_tensor_util_percent",
            "dram_bw_util_percent", "fp64_util_percent", "fp32_util_percent", "fp16_util_percent", "pcie_tx_per_sec",
            "pcie_rx_per_sec", "nvlink_total_rx_per_sec", "nvlink_total_tx_per_sec",
        ];
        foreach (var family in families) Assert.Equal("", MetricLines.Samples(first, $"nvidia_gpu_{family}{{"));
        var gpu0 = Labels("0", Gpu0, "NVIDIA H100");
        var mig = Labels("1", Mig, "NVIDIA H100 MIG 1g.10gb", gi: "3", job: "77", uid: "2000");
        Assert.Equal(
            $$"""
            nvidia_gpu_graphics_util_percent{{{gpu0}}} 0.4
            nvidia_gpu_graphics_util_percent{{{mig}}} 0.125
            nvidia_gpu_sm_util_percent{{{gpu0}}} 0.57
            nvidia_gpu_sm_util_percent{{{mig}}} 0.25
            nvidia_gpu_sm_occupancy_percent{{{gpu0}}} 0.335
            nvidia_gpu_integer_util{{{gpu0}}} 0.07
            nvidia_gpu_any_tensor_util_percent{{{gpu0}}} 0.81
            nvidia_gpu_any_tensor_util_percent{{{mig}}} 0.5
            nvidia_gpu_dram_bw_util_percent{{{gpu0}}} 0.64
            nvidia_gpu_fp64_util_percent{{{gpu0}}} 0.01
            nvidia_gpu_fp32_util_percent{{{gpu0}}} 0.12
            nvidia_gpu_fp16_util_percent{{{gpu0}}} 0.03
            nvidia_gpu_pcie_tx_per_sec{{{gpu0}}} 1572864
            nvidia_gpu_pcie_rx_per_sec{{{gpu0}}} 2097152
            nvidia_gpu_nvlink_total_rx_per_sec{{{gpu0}}} 104857600
            nvidia_gpu_nvlink_total_tx_per_sec{{{gpu0}}} 262144

            """, string.Concat(families.Select(f => MetricLines.Samples(second, $"nvidia_gpu_{f}{{"))));
        Assert.Equal("", MetricLines.Samples(second, "nvidia_gpu_last_error{"));
    }

    [Fact]
    public void A_failed_gpm_metric_or_sample_is_a_last_error_and_drops_only_what_failed()
    {
        using var collector = Collector(
            $"""
            gpu 0 {Gpu0} 1000 10 40 1000 30 gpm NVIDIA H100
            gpm_metric {Gpu0} 2 57
            gpm_metric {Gpu0} 5 81
            gpm_metric_error {Gpu0} 5 999
            gpu 1 {Gpu1} 1000 10 40 1000 30 gpm NVIDIA H100
            fail {Gpu1} gpm_sample 999
            """);

        Render.Collector(collector);
        var text = Render.Collector(collector);

        Assert.Equal(0.57, MetricLines.Value(text, "nvidia_gpu_sm_util_percent{"));
        Assert.Equal(0.4, MetricLines.Value(text, "nvidia_gpu_graphics_util_percent{"));
        Assert.Equal("", MetricLines.Samples(text, "nvidia_gpu_any_tensor_util_percent{"));
        Assert.Equal(
            $$"""
            nvidia_gpu_last_error{ordinal="0",minor_number="0",uuid="{{Gpu0}}",name="NVIDIA H100",GPU_I_ID=""} 999
            nvidia_gpu_last_error{ordinal="1",minor_number="1",uuid="{{Gpu1}}",name="NVIDIA H100",GPU_I_ID=""} 999

            """, MetricLines.Samples(text, "nvidia_gpu_last_error{"));
        Assert.Equal(40, MetricLines.Value(text, $"nvidia_gpu_duty_cycle{{ordinal=\"1\""));
    }

    [Fact]
    public void A_gpu_without_any_of_the_optional_families_exports_none_of_them()
    {
        using var collector = Collector($"gpu 0 {Gpu0} 1000 10 5 1000 30 gpm NVIDIA H100");

        var first = Render.Collector(collector);
        var second = Render.Collector(collector);

        foreach (var family in new[] { "fanspeed_percent", "clock", "clock_event_reason", "ecc_errors", "last_error", "sm_util_percent", "pcie_tx_per_sec" })
            Assert.Equal("", MetricLines.Samples(first + second, $"nvidia_gpu_{family}{{"));
        Assert.Equal(0.05, MetricLines.Value(second, "nvidia_gpu_graphics_util_percent{"));
    }
}
