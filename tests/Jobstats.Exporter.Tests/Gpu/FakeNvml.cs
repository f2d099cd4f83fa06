using Jobstats.Exporter.Tests.Support;
using Jobstats.Testing;

namespace Jobstats.Exporter.Tests.Gpu;

/// <summary>
/// The fake NVML (Gpu/FakeNvml/fake_nvml.c) compiled with gcc into a directory of the test's, plus its config file.
/// The library reads FAKE_NVML_CONFIG, else "&lt;library&gt;.conf", at nvmlInit; every build has its own file name
/// so that in-process tests each get their own library image and configuration.
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

    public static FakeNvml Build(string directory, string config)
    {
        Directory.CreateDirectory(directory);
        // Each build gets its own file name: dlopen returns an already loaded image for a path it has seen.
        var library = Path.Combine(directory, $"libnvidia-ml-fake-{Guid.NewGuid():N}.so.1");
        var configPath = library + ".conf";
        File.WriteAllText(configPath, config.ReplaceLineEndings("\n") + "\n");
        var source = Path.Combine(AppContext.BaseDirectory, "Gpu", "FakeNvml", "fake_nvml.c");
        var result = RealProcess.Run("gcc", ["-Wall", "-Wextra", "-Werror", "-shared", "-fPIC", "-O1", "-o", library, source]);
        Assert.True(result.ExitCode == 0, "gcc failed to build the fake NVML:\n" + result.StandardError);
        return new FakeNvml(library, configPath);
    }

    public void Dispose()
    {
        // The loaded image stays mapped until the process exits; the files go with the test's directory.
    }
}
