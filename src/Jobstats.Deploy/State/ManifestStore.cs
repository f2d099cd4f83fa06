using System.Text.Json;
using Jobstats.Deploy.Targets;
using Jobstats.Deploy.Resources;

namespace Jobstats.Deploy.State;

/// <summary>The manifest and backups of one deployment place, kept in a state directory on some target.</summary>
public sealed class ManifestStore(IHostTarget target, string directory)
{
    public IHostTarget Target { get; } = target;
    public string Directory { get; } = directory;
    public string ManifestPath => $"{Directory}/manifest.json";

    public async Task<Manifest> LoadAsync(string cluster, string host, CancellationToken ct)
    {
        var bytes = await Target.ReadFileAsync(ManifestPath, ct).ConfigureAwait(false);
        if (bytes is null) return new Manifest { Cluster = cluster, Host = host };
        try
        {
            return JsonSerializer.Deserialize(bytes, DeployJsonContext.Default.Manifest)
                   ?? throw new InvalidDataException("empty manifest");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{Target.Host}:{ManifestPath} is not a valid manifest ({e.Message}); it was left untouched, fix or move it", e);
        }
    }

    public Task SaveAsync(Manifest manifest, CancellationToken ct)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(manifest, DeployJsonContext.Default.Manifest);
        return Target.WriteFileAsync(ManifestPath, FileContent.FromText(System.Text.Encoding.UTF8.GetString(bytes) + "\n", "manifest"), FileModes.Private, "root", "root", ct);
    }

    public Task DeleteManifestAsync(CancellationToken ct) => Target.DeleteAsync(ManifestPath, ct);

    public string BackupPathFor(string runId, string path) => $"{Directory}/backups/{runId}{path}";
}
