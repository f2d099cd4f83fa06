namespace Jobstats.Deploy.Planning;

/// <summary>Roles after hostlists are expanded and BCM categories are resolved: role → host names, in inventory order.</summary>
/// <param name="members">Where each role's hosts came from, one entry per role entry (a category's nodes, or named
/// hosts); derived from <paramref name="hostsByRole"/> when not given.</param>
/// <param name="images">The software image of each category deployed into its image (whole-cluster inventories).</param>
public sealed class ResolvedRoles(
    IReadOnlyDictionary<string, IReadOnlyList<string>> hostsByRole,
    IReadOnlyList<RoleMembers>? members = null,
    IReadOnlyDictionary<string, SoftwareImage>? images = null)
{
    public IReadOnlyDictionary<string, IReadOnlyList<string>> HostsByRole { get; } = hostsByRole;

    public IReadOnlyList<RoleMembers> Members { get; } = members ?? [.. hostsByRole.Select(kv => new RoleMembers(kv.Key, null, kv.Value))];

    public IReadOnlyDictionary<string, SoftwareImage> Images { get; } = images ?? new Dictionary<string, SoftwareImage>(StringComparer.Ordinal);

    public IReadOnlyList<string> Hosts(string role) => HostsByRole.TryGetValue(role, out var hosts) ? hosts : [];

    public bool Has(string role) => Hosts(role).Count > 0;

    public IReadOnlyList<string> AllHosts => HostsByRole.Values.SelectMany(h => h).Distinct(StringComparer.Ordinal).ToList();

    public IReadOnlyList<string> RolesOf(string host) =>
        HostsByRole.Where(kv => kv.Value.Contains(host, StringComparer.Ordinal)).Select(kv => kv.Key).ToList();

    /// <summary>Roles that have at least one host, in the inventory's order.</summary>
    public IReadOnlyList<string> UsedRoles => HostsByRole.Where(kv => kv.Value.Count > 0).Select(kv => kv.Key).ToList();
}

/// <summary>The hosts one role entry stands for: a BCM category's nodes (<paramref name="Category"/> set) or named hosts.</summary>
public sealed record RoleMembers(string Role, string? Category, IReadOnlyList<string> Hosts);

/// <summary>A BCM software image: its name and its directory on the head node.</summary>
public sealed record SoftwareImage(string Name, string Root);
