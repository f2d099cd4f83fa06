using System.Security.Cryptography;

namespace Jobstats.Deploy.Targets;

/// <summary>
/// The bytes a file resource should hold: rendered text, or a local file such as a published binary.
/// The hash is computed once and shared by every host, so planning 1,000 nodes reads each binary once.
/// </summary>
public sealed class FileContent
{
    private readonly Lazy<byte[]> _bytes;
    private readonly Lazy<string> _sha256;

    private FileContent(Func<byte[]> load, string description, string? sourcePath)
    {
        _bytes = new Lazy<byte[]>(load, LazyThreadSafetyMode.ExecutionAndPublication);
        _sha256 = new Lazy<string>(() => Convert.ToHexStringLower(SHA256.HashData(_bytes.Value)), LazyThreadSafetyMode.ExecutionAndPublication);
        Description = description;
        SourcePath = sourcePath;
    }

    public string Description { get; }

    /// <summary>Set when the content is a file on this machine (copied rather than rendered).</summary>
    public string? SourcePath { get; }

    public byte[] Bytes => _bytes.Value;
    public string Sha256 => _sha256.Value;

    public static FileContent FromText(string text, string description) =>
        new(() => System.Text.Encoding.UTF8.GetBytes(text), description, null);

    public static FileContent FromBytes(byte[] bytes, string description) => new(() => bytes, description, null);

    /// <summary>Content made when first needed (from a local file that may be missing), so a failure surfaces as the
    /// host's plan or apply error, like a missing copied file, rather than while the deployment is built.</summary>
    public static FileContent Deferred(Func<byte[]> make, string description) => new(make, description, null);

    public static FileContent FromFile(string path) =>
        new(() => File.Exists(path)
                ? File.ReadAllBytes(path)
                : throw new FileNotFoundException($"source file {path} does not exist (run scripts/publish, or fix binaries: in the inventory)", path),
            $"copy of {path}", path);
}
