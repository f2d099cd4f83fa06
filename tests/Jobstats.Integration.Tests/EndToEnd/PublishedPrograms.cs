using Jobstats.Integration.Tests.Lab;

namespace Jobstats.Integration.Tests.EndToEnd;

/// <summary>Our three published NativeAOT programs; their absence is a failure that says what to do, never a skip.</summary>
public static class PublishedPrograms
{
    public static readonly string[] Names = ["jobstats", "jobstats-exporter", "jobstatsctl"];

    public static string Directory => RepositoryLayout.BinDirectory;

    public static string PathOf(string name) => Path.Combine(Directory, name);

    public static void EnsurePresent()
    {
        var missing = Names.Where(name => !File.Exists(PathOf(name))).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException(
                $"programs missing: run scripts/publish (looked for {string.Join(", ", missing)} in {Directory}; set JOBSTATS_BIN_DIR to use another directory)");
    }
}
