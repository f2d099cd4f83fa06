namespace Jobstats.Integration.Tests.Lab;

/// <summary>Where the repository's scripts and published programs are, found from the test assembly's location.</summary>
public static class RepositoryLayout
{
    public static string Root { get; } = FindRoot();

    public static string Script(string name) => Path.Combine(Root, "scripts", name);

    /// <summary>The published AOT programs: JOBSTATS_BIN_DIR, else &lt;repo&gt;/artifacts/bin.</summary>
    public static string BinDirectory =>
        Environment.GetEnvironmentVariable("JOBSTATS_BIN_DIR") is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(Root, "artifacts", "bin");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Jobstats.slnx")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"no Jobstats.slnx above {AppContext.BaseDirectory}");
    }
}
