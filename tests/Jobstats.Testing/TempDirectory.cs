namespace Jobstats.Testing;

/// <summary>
/// A throwaway directory under /tmp, removed with everything in it on dispose. Deploy tests use it as a root prefix or
/// image: <c>dir["/etc/jobstats.yaml"]</c> is that absolute path below it.
/// </summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix = "jobstats-test-")
    {
        Path = Directory.CreateTempSubdirectory(prefix).FullName;
    }

    public string Path { get; }

    /// <summary>An absolute path as it is below this directory (a plain concatenation: <paramref name="absolute"/> starts with '/').</summary>
    public string this[string absolute] => Path + absolute;

    /// <summary>A relative path below this directory.</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Writes a file at an absolute path below this directory, creating its parents.</summary>
    public void Write(string absolute, string text)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(this[absolute])!);
        File.WriteAllText(this[absolute], text);
    }

    /// <summary>True for a file, a directory, or a symbolic link even when it dangles.</summary>
    public bool Exists(string absolute) =>
        File.Exists(this[absolute]) || Directory.Exists(this[absolute]) || new FileInfo(this[absolute]).LinkTarget is not null;

    public void Dispose()
    {
        // Already gone (a test removed it) or busy: leaving a directory in /tmp must not fail the test.
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
