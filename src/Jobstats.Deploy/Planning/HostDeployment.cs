using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Resources;

namespace Jobstats.Deploy.Planning;

public enum Placement
{
    /// <summary>A live host (local or over ssh).</summary>
    Host,
    /// <summary>A BCM software image directory: files only, nothing runs.</summary>
    Image,
    /// <summary>The head node: shared storage (/cm/shared) and cmsh settings, written once for all nodes.</summary>
    HeadNode,
}

/// <summary>The desired resources for one place the deployment writes to, in apply order, without duplicates.</summary>
public sealed class HostDeployment(string name, Placement placement, IReadOnlyList<string> roles)
{
    private readonly List<Resource> _resources = [];
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);

    public string Name { get; } = name;
    public Placement Placement { get; } = placement;
    public IReadOnlyList<string> Roles { get; } = roles;
    public IReadOnlyList<Resource> Resources => _resources;

    /// <summary>How this place is reached (its kind, root, ssh settings); null means the inventory's one target.</summary>
    public TargetSettings? Target { get; init; }

    /// <summary>The BCM categories whose nodes boot from this image (for imageupdate), in inventory order.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>A host deployed to before that the inventory no longer names: everything recorded there goes.</summary>
    public bool Departed { get; init; }

    /// <summary>Adds a resource unless one with the same key is already there (two roles needing the same file).</summary>
    public void Add(Resource resource)
    {
        if (_keys.Add(resource.Key)) _resources.Add(resource);
    }
}
