namespace Jobstats.Testing;

/// <summary>
/// Where the tests find the repository (the folder holding Jobstats.slnx above the test assembly) and our published
/// NativeAOT programs: JOBSTATS_BIN_DIR, else &lt;repo&gt;/artifacts/bin. A missing program fails the test with what to
/// do; it is never a skip.
/// </summary>
public static class Repository
{
    public static readonly string[] ProgramNames = ["jobstats", "jobstats-fleet", "jobstats-summaries", "jobstats-exporter", "jobstatsctl"];

    public static string Root { get; } = FindRoot();

    /// <summary>A path inside the repository, e.g. <c>Path("tests", "fixtures", "report")</c>.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    public static string Script(string name) => Path("scripts", name);

    public static string BinDirectory =>
        Environment.GetEnvironmentVariable("JOBSTATS_BIN_DIR") is { Length: > 0 } configured
            ? System.IO.Path.GetFullPath(configured)
            : Path("artifacts", "bin");

    /// <summary>A published program by name; throws, saying how to publish, when it is not there.</summary>
    public static string PublishedProgram(string name)
    {
        var path = System.IO.Path.Combine(BinDirectory, name);
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{path} not found: run scripts/publish first (or set JOBSTATS_BIN_DIR)");
    }

    /// <summary>Fails at once, naming every missing program, before a test that needs them all starts work.</summary>
    public static void EnsurePublished()
    {
        var missing = ProgramNames.Where(name => !File.Exists(System.IO.Path.Combine(BinDirectory, name))).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException(
                $"programs missing: run scripts/publish (looked for {string.Join(", ", missing)} in {BinDirectory}; set JOBSTATS_BIN_DIR to use another directory)");
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Jobstats.slnx")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"no Jobstats.slnx above {AppContext.BaseDirectory}");
    }
}
