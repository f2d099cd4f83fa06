namespace Jobstats.Deploy.Tests.Support;

/// <summary>A throwaway directory under /tmp used as a root prefix, image or state directory.</summary>
public sealed class TempRoot : IDisposable
{
    public TempRoot(string prefix = "jobstats-deploy-")
    {
        Path = Directory.CreateTempSubdirectory(prefix).FullName;
    }

    public string Path { get; }

    public string this[string absolute] => Path + absolute;

    public void Write(string absolute, string text)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(this[absolute])!);
        File.WriteAllText(this[absolute], text);
    }

    public bool Exists(string absolute) => File.Exists(this[absolute]) || Directory.Exists(this[absolute]) || new FileInfo(this[absolute]).LinkTarget is not null;

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
