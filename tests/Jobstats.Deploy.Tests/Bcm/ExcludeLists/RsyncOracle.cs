using Jobstats.Testing;

namespace Jobstats.Deploy.Tests.Bcm.ExcludeLists;

/// <summary>Builds a file tree in a temp dir and asks the real rsync which paths a filter list transfers.</summary>
internal sealed class RsyncOracle : IDisposable
{
    private readonly TempDirectory _root = new("jobstats-rsync-");

    public RsyncOracle(IEnumerable<string> tree)
    {
        Source = _root.Combine("src");
        Directory.CreateDirectory(Source);
        foreach (var entry in tree)
        {
            var full = Path.Combine(Source, entry.TrimEnd('/'));
            if (entry.EndsWith('/'))
            {
                Directory.CreateDirectory(full);
                Directories.Add(entry.TrimEnd('/'));
            }
            else
            {
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllText(full, entry);
                Files.Add(entry);
            }
        }
        // Parent directories created implicitly are part of the tree too.
        foreach (var file in Files.Concat(Directories).ToList())
        {
            for (var slash = file.IndexOf('/'); slash >= 0; slash = file.IndexOf('/', slash + 1))
            {
                Directories.Add(file[..slash]);
            }
        }
    }

    public string Source { get; }

    public HashSet<string> Files { get; } = [];

    public HashSet<string> Directories { get; } = [];

    /// <summary>Relative paths (directories without trailing slash) rsync would transfer with this exclude-from file.</summary>
    public HashSet<string> Transferred(string excludeFromText)
    {
        var listFile = _root.Combine("list-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(listFile, excludeFromText);
        var destination = _root.Combine("dst");
        var rsync = RealProcess.Run("rsync", ["--dry-run", "-r", "--out-format=%n", "--exclude-from=" + listFile, Source + "/", destination + "/"]);
        Assert.True(rsync.Succeeded, $"rsync failed: {rsync.Report()}");
        File.Delete(listFile);
        return rsync.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.TrimEnd('/'))
            .Where(line => line is not ("." or ""))
            .ToHashSet();
    }

    public void Dispose() => _root.Dispose();
}
