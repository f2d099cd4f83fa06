namespace Jobstats.Deploy.Planning;

/// <summary>Roles after hostlists are expanded and BCM categories are resolved: role → host names, in inventory order.</summary>
public sealed class ResolvedRoles(IReadOnlyDictionary<string, IReadOnlyList<string>> hostsByRole)
{
    public IReadOnlyDictionary<string, IReadOnlyList<string>> HostsByRole { get; } = hostsByRole;

    public IReadOnlyList<string> Hosts(string role) => HostsByRole.TryGetValue(role, out var hosts) ? hosts : [];

    public bool Has(string role) => Hosts(role).Count > 0;

    public IReadOnlyList<string> AllHosts => HostsByRole.Values.SelectMany(h => h).Distinct(StringComparer.Ordinal).ToList();

    public IReadOnlyList<string> RolesOf(string host) =>
        HostsByRole.Where(kv => kv.Value.Contains(host, StringComparer.Ordinal)).Select(kv => kv.Key).ToList();

    /// <summary>Roles that have at least one host, in the inventory's order.</summary>
    public IReadOnlyList<string> UsedRoles => HostsByRole.Where(kv => kv.Value.Count > 0).Select(kv => kv.Key).ToList();
}
