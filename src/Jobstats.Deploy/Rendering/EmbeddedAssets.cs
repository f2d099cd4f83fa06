namespace Jobstats.Deploy.Rendering;

/// <summary>The assets compiled into Jobstats.Deploy (logical name = path under Assets/).</summary>
internal sealed class EmbeddedAssets : IAssetSource
{
    public static readonly EmbeddedAssets Instance = new();

    public string? TryRead(string name)
    {
        using var stream = typeof(EmbeddedAssets).Assembly.GetManifestResourceStream(name);
        if (stream is null) return null;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static IEnumerable<string> Names => typeof(EmbeddedAssets).Assembly.GetManifestResourceNames();
}
