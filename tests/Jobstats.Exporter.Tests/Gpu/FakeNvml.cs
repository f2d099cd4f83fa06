using Jobstats.Exporter.Tests.Support;
using Jobstats.Testing;

namespace Jobstats.Exporter.Tests.Gpu;

/// <summary>
/// The fake NVML (Gpu/FakeNvml/fake_nvml.c) compiled with gcc into a directory of the test's, plus its config file.
/// The library reads FAKE_NVML_CONFIG, else "&lt;library&gt;.conf", at nvmlInit; every build has its own file name
/// so that in-process tests each get their own library image and configuration. The directives (devices, MIG
/// instances, per-device values, NOT_SUPPORTED and other failures per call) are listed at the top of fake_nvml.c.
/// </summary>
public sealed class FakeNvml : IDisposable
{
    private FakeNvml(string libraryPath, string configPath)
    {
        LibraryPath = libraryPath;
        ConfigPath = configPath;
    }

    public string LibraryPath { get; }
    public string ConfigPath { get; }

    /// <param name="beforeDriver535">Build the library without nvmlDeviceGetCurrentClocksEventReasons, as NVML
    /// before driver 535 is (it has only the older nvmlDeviceGetCurrentClocksThrottleReasons).</param>
    public static FakeNvml Build(string directory, string config, bool beforeDriver535 = false)
    {
        Directory.CreateDirectory(directory);
        // Each build gets its own file name: dlopen returns an already loaded image for a path it has seen.
        var library = Path.Combine(directory, $"libnvidia-ml-fake-{Guid.NewGuid():N}.so.1");
        var configPath = library + ".conf";
        File.WriteAllText(configPath, config.ReplaceLineEndings("\n") + "\n");
        var source = Path.Combine(AppContext.BaseDirectory, "Gpu", "FakeNvml", "fake_nvml.c");
        string[] defines = beforeDriver535 ? ["-DFAKE_NVML_BEFORE_535"] : [];
        var result = RealProcess.Run("gcc", [.. defines, "-Wall", "-Wextra", "-Werror", "-shared", "-fPIC", "-O1", "-o", library, source]);
        Assert.True(result.ExitCode == 0, "gcc failed to build the fake NVML:\n" + result.StandardError);
        return new FakeNvml(library, configPath);
    }

    public void Dispose()
    {
        // The loaded image stays mapped until the process exits; the files go with the test's directory.
    }
}
