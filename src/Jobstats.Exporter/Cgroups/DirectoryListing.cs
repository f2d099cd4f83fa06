using System.IO.Enumeration;

namespace Jobstats.Exporter.Cgroups;

/// <summary>Lists sub-directory names, treating a directory that disappears while listed as empty.</summary>
internal static class DirectoryListing
{
    // As Directory.GetDirectories: nothing skipped by attribute, errors other than a vanished directory thrown.
    private static readonly EnumerationOptions Options = new() { AttributesToSkip = 0, IgnoreInaccessible = false };

    /// <summary>
    /// The names alone: Directory.GetDirectories builds every entry's full path, and a scrape lists every job's and
    /// step's directory.
    /// </summary>
    public static IEnumerable<string> Names(string path)
    {
        try
        {
            return new FileSystemEnumerable<string>(path, static (ref entry) => entry.FileName.ToString(), Options)
            {
                ShouldIncludePredicate = static (ref entry) => entry.IsDirectory,
            }.ToList();
        }
        catch (Exception e) when (e is DirectoryNotFoundException or FileNotFoundException)
        {
            return [];
        }
    }
}
