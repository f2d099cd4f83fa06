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

    /// <summary>Software images written by a whole-cluster inventory, with the directory their undo needs.</summary>
    public List<RegisteredImage> Images { get; set; } = [];
}

/// <summary>One software image in <see cref="HostRegistry"/>.</summary>
public sealed class RegisteredImage
{
    public string Name { get; set; } = "";
    public string Root { get; set; } = "";
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

    /// <summary>Adds or drops hosts and images; the file goes once nothing is left.</summary>
    public async Task UpdateAsync(string cluster, IEnumerable<string> addHosts, IEnumerable<RegisteredImage> addImages, IEnumerable<Planning.HostDeployment> drop, CancellationToken ct)
    {
        var registry = await LoadAsync(cluster, ct).ConfigureAwait(false);
        var dropped = drop.ToList();
        var droppedHosts = dropped.Where(h => h.Placement == Planning.Placement.Host).Select(h => h.Name);
        var droppedImages = dropped.Where(h => h.Placement == Planning.Placement.Image && h.Target is not null).Select(h => h.Target!.Root).ToHashSet(StringComparer.Ordinal);
        var hosts = registry.Hosts.Union(addHosts, StringComparer.Ordinal).Except(droppedHosts, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var images = registry.Images.Concat(addImages).DistinctBy(i => i.Root, StringComparer.Ordinal)
            .Where(i => !droppedImages.Contains(i.Root)).OrderBy(i => i.Root, StringComparer.Ordinal).ToList();
        if (hosts.SequenceEqual(registry.Hosts, StringComparer.Ordinal) && images.Select(i => i.Root).SequenceEqual(registry.Images.Select(i => i.Root), StringComparer.Ordinal)) return;
        if (hosts.Count == 0 && images.Count == 0)
        {
            await control.DeleteAsync(FilePath, ct).ConfigureAwait(false);
            return;
        }
        registry.Hosts = hosts;
        registry.Images = images;
        var json = JsonSerializer.Serialize(registry, DeployJsonContext.Default.HostRegistry) + "\n";
        await control.WriteFileAsync(FilePath, FileContent.FromText(json, "host list"), FileModes.Private, "root", "root", ct).ConfigureAwait(false);
    }
}
