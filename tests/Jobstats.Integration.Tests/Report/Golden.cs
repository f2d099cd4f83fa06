namespace Jobstats.Integration.Tests.Report;

/// <summary>
/// Compares output with a file under tests/fixtures/report/golden. With UPDATE_GOLDEN=1 the file is (re)written
/// instead; every golden file was then read by eye against the classic layout before it was committed.
/// </summary>
internal static class Golden
{
    public static void Match(ReportEnvironment env, string name, string actual)
    {
        string path = Path.Combine(env.FixtureDir, "golden", name);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"golden file {path} is missing (create it with UPDATE_GOLDEN=1 and check it)");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
