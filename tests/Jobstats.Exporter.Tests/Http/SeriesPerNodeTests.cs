using System.Text;
using Jobstats.Deploy.Capacity;
using Jobstats.Exporter.Tests.Gpu;
using Jobstats.Exporter.Tests.Support;
using Jobstats.Testing;

namespace Jobstats.Exporter.Tests.Http;

/// <summary>
/// The series counts `jobstatsctl capacity` plans with, counted on the published exporter's real output: a node with
/// no job, with one and two jobs (cgroup v1, batch and extern steps), and with eight Hopper GPUs through the fake NVML.
/// </summary>
public sealed class SeriesPerNodeTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    private static int Series(string exposition) => exposition.Split('\n').Count(line => line.Length > 0 && line[0] != '#');

    private void Job(string cgroups, string id)
    {
        CgroupTree.V1(cgroups, "slurm", "1000", id);
        foreach (var step in new[] { "batch", "extern" }) CgroupTree.V1(cgroups, "slurm", "1000", id, step, "0");
    }

    private int CgroupSeries(string cgroups)
    {
        using var exporter = new ExporterProcess(["--cgroup-root", cgroups, "--no-gpu-collector"]);
        return Series(exporter.Scrape());
    }

    [Fact]
    public async Task The_capacity_model_has_the_exporters_real_series_counts()
    {
        string none = _root.Combine("none"), one = _root.Combine("one"), two = _root.Combine("two");
        Directory.CreateDirectory(none);
        Job(one, "41");
        Job(two, "41");
        Job(two, "42");
        int empty = CgroupSeries(none), oneJob = CgroupSeries(one), twoJobs = CgroupSeries(two);

        var nvmlConfig = new StringBuilder();
        for (int minor = 0; minor < 8; minor++)
        {
            string uuid = $"GPU-abcdef0{minor}-0000-0000-0000-000000000000";
            nvmlConfig.Append($"gpu {minor} {uuid} 81559 40000 90 500000 60 gpm NVIDIA H100 80GB HBM3\n")
                .Append($"fan {uuid} 35\nclocks {uuid} 1980 1980 2619 1545\nclock_reasons {uuid} 0x4\necc {uuid} 0 3 0 1\n")
                .Append($"gpm_metric {uuid} 2 48\ngpm_metric {uuid} 5 25\ngpm_metric {uuid} 10 30\ngpm_metric {uuid} 60 2\n");
        }
        using var nvml = FakeNvml.Build(_root.Combine("nvml"), nvmlConfig.ToString());
        Directory.CreateDirectory(_root.Combine("gpustat"));
        using var gpuExporter = new ExporterProcess(["--cgroup-root", none, "--gpustat-dir", _root.Combine("gpustat"), "--nvml-library", nvml.LibraryPath]);
        var url = $"http://127.0.0.1:{gpuExporter.Port}/metrics";
        await gpuExporter.Client.GetStringAsync(url, TestContext.Current.CancellationToken);
        // GPM figures are rates between two samples: from the second scrape on, as Prometheus sees it.
        int withGpus = Series(await gpuExporter.Client.GetStringAsync(url, TestContext.Current.CancellationToken));

        Assert.Equal(twoJobs - oneJob, oneJob - empty);
        Assert.Equal((SeriesPerNode.ExporterBase, SeriesPerNode.ExporterPerJob, SeriesPerNode.ExporterEightGpus),
            (empty, oneJob - empty, withGpus - empty));
    }
}
