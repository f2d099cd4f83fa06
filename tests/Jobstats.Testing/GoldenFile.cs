namespace Jobstats.Testing;

/// <summary>
/// The expected output of a view, kept in a file under tests/fixtures: <c>Assert.Equal(GoldenFile.Expected(path, actual), actual)</c>.
/// With UPDATE_GOLDEN=1 the file is (re)written from <c>actual</c> instead; every golden file was then read by eye, with
/// the arithmetic of its figures beside the test case, before it was committed.
/// </summary>
public static class GoldenFile
{
    public static string Expected(string path, string actual)
    {
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return actual;
        }
        return File.Exists(path)
            ? File.ReadAllText(path)
            : throw new InvalidOperationException($"golden file {path} is missing (create it with UPDATE_GOLDEN=1 and check it)");
    }
}
