namespace Jobstats.Exporter.Cgroups;

/// <summary>Lists sub-directory names, treating a directory that disappears while listed as empty.</summary>
internal static class DirectoryListing
{
    public static IEnumerable<string> Names(string path)
    {
        string[] entries;
        try
        {
            entries = Directory.GetDirectories(path);
        }
        catch (Exception e) when (e is DirectoryNotFoundException or FileNotFoundException)
        {
            return [];
        }
        return entries.Select(Path.GetFileName).OfType<string>();
    }
}
