namespace Jobstats.Exporter.Tests.Support;

/// <summary>Locations of the repository and of the published AOT programs (JOBSTATS_BIN_DIR, else artifacts/bin).</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string SlurmAsset(string name) => Path.Combine(Root, "src", "Jobstats.Deploy", "Assets", "slurm", name);

    /// <summary>The published exporter; fails (does not skip) with a hint when it has not been published.</summary>
    public static string PublishedExporter()
    {
        var dir = Environment.GetEnvironmentVariable("JOBSTATS_BIN_DIR") is { Length: > 0 } fromEnv
            ? fromEnv
            : Path.Combine(Root, "artifacts", "bin");
        var path = Path.Combine(dir, "jobstats-exporter");
        Assert.True(File.Exists(path), $"{path} not found: run scripts/publish (or set JOBSTATS_BIN_DIR) before these tests");
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Jobstats.slnx"))) return dir.FullName;
        throw new InvalidOperationException("cannot find the repository root (Jobstats.slnx) above " + AppContext.BaseDirectory);
    }
}
