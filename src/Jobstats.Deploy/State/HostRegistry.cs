using System.Text.Json;
using Jobstats.Deploy.Resources;
using Jobstats.Deploy.Targets;

namespace Jobstats.Deploy.State;

/// <summary>
/// The hosts jobstatsctl has deployed to over ssh, kept on the machine it runs on (the head node): a host dropped
/// from the inventory keeps its manifest on itself, and only this list remembers to plan its removal.
/// </summary>
public sealed class HostRegistry
{
    public int Version { get; set; } = 1;
    public string Cluster { get; set; } = "";
    public List<string> Hosts { get; set; } = [];
}

/// <summary>Where <see cref="HostRegistry"/> lives: <c>state_dir/hosts.json</c> on the control target.</summary>
internal sealed class HostRegistryStore(IHostTarget control, string stateDir)
{
    public string FilePath => $"{stateDir.TrimEnd('/')}/hosts.json";

    public async Task<HostRegistry> LoadAsync(string cluster, CancellationToken ct)
    {
        var bytes = await control.ReadFileAsync(FilePath, ct).ConfigureAwait(false);
        if (bytes is null) return new HostRegistry { Cluster = cluster };
        try
        {
            return JsonSerializer.Deserialize(bytes, DeployJsonContext.Default.HostRegistry) ?? throw new InvalidDataException("empty host registry");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{FilePath} is not a valid host list ({e.Message}); it was left untouched, fix or move it", e);
        }
    }

    /// <summary>Adds or drops hosts; the file goes once no host is left.</summary>
    public async Task UpdateAsync(string cluster, IEnumerable<string> add, IEnumerable<string> drop, CancellationToken ct)
    {
        var registry = await LoadAsync(cluster, ct).ConfigureAwait(false);
        var hosts = registry.Hosts.Union(add, StringComparer.Ordinal).Except(drop, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (hosts.SequenceEqual(registry.Hosts, StringComparer.Ordinal)) return;
        if (hosts.Count == 0)
        {
            await control.DeleteAsync(FilePath, ct).ConfigureAwait(false);
            return;
        }
        registry.Hosts = hosts;
        var json = JsonSerializer.Serialize(registry, DeployJsonContext.Default.HostRegistry) + "\n";
        await control.WriteFileAsync(FilePath, FileContent.FromText(json, "host list"), FileModes.Private, "root", "root", ct).ConfigureAwait(false);
    }
}
