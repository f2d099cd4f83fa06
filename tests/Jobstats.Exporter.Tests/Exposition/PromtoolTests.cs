using Jobstats.Exporter.Cgroups;
using Jobstats.Exporter.Gpu;
using Jobstats.Exporter.Tests.Gpu;
using Jobstats.Exporter.Tests.Support;
using Jobstats.Metrics.Exposition;
using Jobstats.Testing;

namespace Jobstats.Exporter.Tests.Exposition;

/// <summary>The real promtool (Prometheus 2.42) lints what we expose: names, help, types, syntax.</summary>
public sealed class PromtoolTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    private static readonly string[] KnownCompatibilityFindings =
    [
        "cgroup_memory_fail_count non-histogram and non-summary metrics should not have \"_count\" suffix",
        "cgroup_memsw_fail_count non-histogram and non-summary metrics should not have \"_count\" suffix",
        "nvidia_gpu_jobId metric names should be written in 'snake_case' not 'camelCase'",
        "nvidia_gpu_jobUid metric names should be written in 'snake_case' not 'camelCase'",
        // Upstream's GPM transfer rates (bytes per second despite the name).
        "nvidia_gpu_nvlink_total_rx_per_sec metric names should not contain abbreviated units",
        "nvidia_gpu_nvlink_total_tx_per_sec metric names should not contain abbreviated units",
        "nvidia_gpu_pcie_rx_per_sec metric names should not contain abbreviated units",
        "nvidia_gpu_pcie_tx_per_sec metric names should not contain abbreviated units",
    ];

    [Fact]
    public void Cgroup_and_gpu_exposition_passes_promtool_check_metrics()
    {
        CgroupTree.V1(_root.Path, "slurm_node1", "1000", "42", values: new V1Values { Memsw = true });
        CgroupTree.V1(_root.Path, "slurm_node1", "1000", "42", "batch");
        CgroupTree.V1(_root.Path, "slurm_node1", "1000", "42", "batch", "0");
        CgroupTree.V2(_root.Path, "job_43");
        var broken = CgroupTree.V1(_root.Path, "slurm_node1", "1000", "44");
        File.WriteAllText(Path.Combine(_root.Path, "memory", broken, "memory.failcnt"), "x");

        using var nvml = FakeNvml.Build(_root.Combine("nvml"),
            """
            gpu 0 GPU-aaaaaaaa-0000-0000-0000-000000000000 85899345920 1048576 37 65000 41 gpm NVIDIA H100 80GB HBM3
            fan GPU-aaaaaaaa-0000-0000-0000-000000000000 40
            clocks GPU-aaaaaaaa-0000-0000-0000-000000000000 1980 1980 2619 1545
            clock_reasons GPU-aaaaaaaa-0000-0000-0000-000000000000 0x5
            ecc GPU-aaaaaaaa-0000-0000-0000-000000000000 0 12 0 1
            gpm_metric GPU-aaaaaaaa-0000-0000-0000-000000000000 2 55.5
            gpm_metric GPU-aaaaaaaa-0000-0000-0000-000000000000 3 20
            gpm_metric GPU-aaaaaaaa-0000-0000-0000-000000000000 4 1
            gpm_metric GPU-aaaaaaaa-0000-0000-0000-000000000000 5 30
            gpm_metric GPU-aaaaaaaa-0000-0000-0000-000000000000 10 45
            gpm_metric GPU-aaaaaaaa-0000-0000-0000-000000000000 11 0
            gpm_metric GPU-aaaaaaaa-0000-0000-0000-000000000000 12 10
            gpm_metric GPU-aaaaaaaa-0000-0000-0000-000000000000 13 2
            gpm_metric GPU-aaaaaaaa-0000-0000-0000-000000000000 20 10.5
            gpm_metric GPU-aaaaaaaa-0000-0000-0000-000000000000 21 11.5
            gpm_metric GPU-aaaaaaaa-0000-0000-0000-000000000000 60 100
            gpm_metric GPU-aaaaaaaa-0000-0000-0000-000000000000 61 200
            gpu 1 GPU-bbbbbbbb-0000-0000-0000-000000000000 85899345920 0 0 60000 40 mig,gpm NVIDIA A100-SXM4-80GB
            mig 1 0 1 MIG-cccccccc-0000-0000-0000-000000000000 10737418240 5000 NVIDIA A100-SXM4-80GB MIG 1g.10gb
            gpm_metric MIG-cccccccc-0000-0000-0000-000000000000 2 5
            gpu 2 GPU-dddddddd-0000-0000-0000-000000000000 85899345920 0 0 60000 40 - NVIDIA A100-SXM4-80GB
            fail GPU-dddddddd-0000-0000-0000-000000000000 power 999
            """);
        Directory.CreateDirectory(_root.Combine("gpustat"));
        File.WriteAllText(_root.Combine("gpustat", "GPU-aaaaaaaa-0000-0000-0000-000000000000"), "42 1000\n");
        using var gpus = new GpuCollector(nvml.LibraryPath, _root.Combine("gpustat"), Render.QuietLog());
        Render.Collector(gpus); // GPM needs a sample from an earlier scrape
        var text = Render.Collector(new CgroupCollector(_root.Path, true, Render.QuietLog())) + Render.Collector(gpus);
        Assert.Contains("cgroup_exporter_collect_error{jobid=\"44\"", text);
        Assert.Contains("nvidia_gpu_memory_used_bytes{", text);

        Assert.Contains("nvidia_gpu_jobId{", text);
        foreach (var family in GpuMetrics.All.Where(f => f.Name.StartsWith("nvidia_gpu_", StringComparison.Ordinal)))
            Assert.Contains(family.Name + (family.LabelNames.Count == 0 ? " " : "{"), text); // every family has a sample to lint

        // Syntax errors make promtool fail outright; lint findings are listed one per line. The only findings
        // allowed are for names that jobstats, the public dashboard and the upstream exporters already use.
        var result = RealProcess.Run("promtool", ["check", "metrics"], stdin: text);
        var findings = (result.StandardOutput + result.StandardError).Split('\n', StringSplitOptions.RemoveEmptyEntries).Order().ToArray();
        Assert.True(findings.All(f => KnownCompatibilityFindings.Contains(f)),
            $"promtool (exit {result.ExitCode}) rejected the exposition:\n{string.Join('\n', findings)}\n{text}");
        Assert.Equal(KnownCompatibilityFindings.Order(), findings);
        Assert.Equal(3, result.ExitCode); // 3 = lint findings only; a parse error would be 1
    }
}
