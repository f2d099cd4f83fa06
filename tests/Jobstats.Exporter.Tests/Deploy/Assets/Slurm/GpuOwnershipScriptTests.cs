using Jobstats.Exporter.Gpu;
using Jobstats.Exporter.Tests.Gpu;
using Jobstats.Exporter.Tests.Support;
using Jobstats.Processes;
using Jobstats.Testing;

namespace Jobstats.Exporter.Tests.Deploy.Assets.Slurm;

/// <summary>
/// The node prolog/epilog (src/Jobstats.Deploy/Assets/slurm) run by bash against a fake /proc and /run under
/// JOBSTATS_ROOT. The fake node has three GPUs whose device minor numbers (Slurm's numbering) differ from their
/// NVML indexes (PCI order): bus 07 = minor 2, bus 0f = minor 0, bus 47 = minor 1.
/// </summary>
public sealed class GpuOwnershipScriptTests : IDisposable
{
    private const string UuidMinor2 = "GPU-07070707-aaaa-bbbb-cccc-000000000002";
    private const string UuidMinor0 = "GPU-0f0f0f0f-aaaa-bbbb-cccc-000000000000";
    private const string UuidMinor1 = "GPU-47474747-aaaa-bbbb-cccc-000000000001";
    private readonly TempDirectory _root = new();

    public GpuOwnershipScriptTests()
    {
        AddGpu("0000:07:00.0", UuidMinor2, 2);
        AddGpu("0000:0f:00.0", UuidMinor0, 0);
        AddGpu("0000:47:00.0", UuidMinor1, 1);
    }

    public void Dispose() => _root.Dispose();

    private string Gpustat => _root.Combine("run", "gpustat");

    private void AddGpu(string bus, string uuid, int minor)
    {
        var dir = _root.Combine("proc", "driver", "nvidia", "gpus", bus);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "information"),
            $"Model: \t\t NVIDIA A100-SXM4-80GB\nIRQ:   \t\t 123\nGPU UUID: \t {uuid}\nVideo BIOS: \t 92.00.45.00.05\n" +
            $"Bus Type: \t PCIe\nDMA Size: \t 47 bits\nDMA Mask: \t 0x7fffffffffff\nBus Location: \t {bus}\nDevice Minor: \t {minor}\nGPU Excluded:\t No\n");
    }

    private ProcessResult Run(string script, Dictionary<string, string> environment)
    {
        environment["JOBSTATS_ROOT"] = _root.Path;
        foreach (var name in new[] { "SLURM_JOB_GPUS", "GPU_DEVICE_ORDINAL", "CUDA_VISIBLE_DEVICES" })
            environment.TryAdd(name, "");
        return RealProcess.Run("bash", [SlurmAsset(script)], environment);
    }

    private Dictionary<string, string> Files() =>
        Directory.Exists(Gpustat)
            ? Directory.GetFiles(Gpustat).ToDictionary(f => Path.GetFileName(f)!, File.ReadAllText)
            : [];

    [Fact]
    public void Prolog_maps_slurm_minor_numbers_to_uuid_and_nvml_index()
    {
        var result = Run("prolog-jobstats.sh", new() { ["SLURM_JOB_ID"] = "77", ["SLURM_JOB_UID"] = "1234", ["SLURM_JOB_GPUS"] = "2,0" });

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(new Dictionary<string, string>
        {
            [UuidMinor2] = "77 1234\n", ["0"] = "77 1234\n",   // minor 2 is NVML index 0
            [UuidMinor0] = "77 1234\n", ["1"] = "77 1234\n",   // minor 0 is NVML index 1
        }, Files());
        Assert.Equal("rwxr-xr-x", ModeText(File.GetUnixFileMode(Gpustat)));
        Assert.Equal("rw-r--r--", ModeText(File.GetUnixFileMode(Path.Combine(Gpustat, "0"))));
    }

    [Fact]
    public void Epilog_removes_this_jobs_files_and_keeps_other_jobs()
    {
        Run("prolog-jobstats.sh", new() { ["SLURM_JOB_ID"] = "77", ["SLURM_JOB_UID"] = "1234", ["SLURM_JOB_GPUS"] = "2" });
        Run("prolog-jobstats.sh", new() { ["SLURM_JOB_ID"] = "78", ["SLURM_JOB_UID"] = "1235", ["GPU_DEVICE_ORDINAL"] = "1" });
        File.WriteAllText(Path.Combine(Gpustat, "half-written"), "77");
        File.WriteAllText(Path.Combine(Gpustat, "job-770"), "770 1\n");

        var result = Run("epilog-jobstats.sh", new() { ["SLURM_JOB_ID"] = "77", ["SLURM_JOB_UID"] = "1234" });

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(new Dictionary<string, string>
        {
            [UuidMinor1] = "78 1235\n", ["2"] = "78 1235\n", ["job-770"] = "770 1\n",
        }, Files());
    }

    [Fact]
    public void Mig_and_gpu_uuids_from_slurm_are_written_as_they_are()
    {
        var result = Run("prolog-jobstats.sh", new()
        {
            ["SLURM_JOB_ID"] = "90", ["SLURM_JOB_UID"] = "0",
            ["CUDA_VISIBLE_DEVICES"] = "MIG-11111111-2222-3333-4444-555555555555,GPU-abc-def",
        });
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(new Dictionary<string, string>
        {
            ["MIG-11111111-2222-3333-4444-555555555555"] = "90 0\n", ["GPU-abc-def"] = "90 0\n",
        }, Files());
    }

    [Fact]
    public void Without_driver_information_the_id_is_recorded_as_index_and_logged()
    {
        Directory.Delete(_root.Combine("proc"), recursive: true);
        var result = Run("prolog-jobstats.sh", new() { ["SLURM_JOB_ID"] = "5", ["SLURM_JOB_UID"] = "6", ["SLURM_JOB_GPUS"] = "3" });
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(new Dictionary<string, string> { ["3"] = "5 6\n" }, Files());
        Assert.Contains("no /proc/driver/nvidia entry for GPU minor 3", result.StandardError);
    }

    [Theory]
    [InlineData("1; touch /tmp/pwned", "1000", "0")]
    [InlineData("", "1000", "0")]
    [InlineData("12", "root", "0")]
    [InlineData("12", "1000", "../../etc/passwd")]
    [InlineData("12", "1000", "$(touch x)")]
    public void Hostile_or_missing_values_write_nothing_and_exit_0(string job, string uid, string gpus)
    {
        var result = Run("prolog-jobstats.sh", new() { ["SLURM_JOB_ID"] = job, ["SLURM_JOB_UID"] = uid, ["SLURM_JOB_GPUS"] = gpus });
        Assert.Equal(0, result.ExitCode);
        Assert.Empty(Files());
        Assert.Equal(0, Run("epilog-jobstats.sh", new() { ["SLURM_JOB_ID"] = job }).ExitCode);
    }

    [Fact]
    public void An_unwritable_gpustat_directory_still_exits_0()
    {
        Directory.CreateDirectory(_root.Combine("run"));
        File.WriteAllText(Gpustat, "not a directory");
        var result = Run("prolog-jobstats.sh", new() { ["SLURM_JOB_ID"] = "5", ["SLURM_JOB_UID"] = "6", ["SLURM_JOB_GPUS"] = "0" });
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("cannot create", result.StandardError);
        Assert.Equal(0, Run("epilog-jobstats.sh", new() { ["SLURM_JOB_ID"] = "5" }).ExitCode);
    }

    [Fact]
    public void The_exporter_labels_the_gpu_the_job_really_got()
    {
        // NVML enumerates in PCI order: index 0 = minor 2, index 1 = minor 0, index 2 = minor 1.
        using var nvml = FakeNvml.Build(_root.Combine("nvml"),
            $"""
            gpu 2 {UuidMinor2} 1000 1 1 1 1 - NVIDIA A100-SXM4-80GB
            gpu 0 {UuidMinor0} 1000 1 1 1 1 - NVIDIA A100-SXM4-80GB
            gpu 1 {UuidMinor1} 1000 1 1 1 1 - NVIDIA A100-SXM4-80GB
            """);
        // Slurm says the job got /dev/nvidia0, i.e. minor number 0.
        Run("prolog-jobstats.sh", new() { ["SLURM_JOB_ID"] = "31", ["SLURM_JOB_UID"] = "1000", ["SLURM_JOB_GPUS"] = "0" });

        var text = Render.Collector(new GpuCollector(nvml.LibraryPath, Gpustat, Render.QuietLog()));
        Assert.Equal($"nvidia_gpu_jobId{{ordinal=\"1\",minor_number=\"0\",uuid=\"{UuidMinor0}\",name=\"NVIDIA A100-SXM4-80GB\",GPU_I_ID=\"\",jobid=\"31\",userid=\"1000\"}} 31\n",
            MetricLines.Samples(text, "nvidia_gpu_jobId"));
    }

    [Fact]
    public void Scripts_are_shellcheck_clean()
    {
        var result = RealProcess.Run("shellcheck", [SlurmAsset("prolog-jobstats.sh"), SlurmAsset("epilog-jobstats.sh")]);
        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
    }

    private static string ModeText(UnixFileMode mode) => string.Concat(
        (mode & UnixFileMode.UserRead) != 0 ? "r" : "-", (mode & UnixFileMode.UserWrite) != 0 ? "w" : "-", (mode & UnixFileMode.UserExecute) != 0 ? "x" : "-",
        (mode & UnixFileMode.GroupRead) != 0 ? "r" : "-", (mode & UnixFileMode.GroupWrite) != 0 ? "w" : "-", (mode & UnixFileMode.GroupExecute) != 0 ? "x" : "-",
        (mode & UnixFileMode.OtherRead) != 0 ? "r" : "-", (mode & UnixFileMode.OtherWrite) != 0 ? "w" : "-", (mode & UnixFileMode.OtherExecute) != 0 ? "x" : "-");

    private static string SlurmAsset(string name) => Repository.Path("src", "Jobstats.Deploy", "Assets", "slurm", name);
}
