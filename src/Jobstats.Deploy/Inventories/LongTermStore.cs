namespace Jobstats.Deploy.Inventories;

/// <summary>Where the cluster's series go beyond our Prometheus' own retention (the inventory's <c>long_term_store:</c>).</summary>
public enum LongTermStoreKind
{
    /// <summary>Our Prometheus keeps everything (its retention).</summary>
    None,
    /// <summary>remote_write to a store the site runs (VictoriaMetrics, Thanos Receive, Mimir).</summary>
    RemoteWrite,
    /// <summary>A single-node VictoriaMetrics that jobstatsctl deploys on the prometheus host, fed by remote_write.</summary>
    VictoriaMetrics,
}

/// <summary>
/// Credentials of a store, by file (secrets are never in the inventory). At most one of the bearer token and basic
/// auth; <see cref="CaFile"/> is the CA of the store's certificate when it is not in the system's trust store.
/// </summary>
public sealed record StoreCredentials(string? BearerTokenFile = null, string? Username = null, string? PasswordFile = null, string? CaFile = null)
{
    public static readonly StoreCredentials None = new();
}

/// <param name="RemoteWriteUrl">Where Prometheus writes (kind remote_write); for VictoriaMetrics, our own instance.</param>
/// <param name="Write">Read where jobstatsctl runs and copied for Prometheus (mode 0640, group prometheus).</param>
/// <param name="Tenant">Sent as X-Scope-OrgID, the tenant header of Mimir, Cortex and Thanos Receive.</param>
/// <param name="QueryUrl">What jobstats asks for the cluster's jobs, written into jobstats.yaml; null keeps Prometheus.</param>
/// <param name="Query">Paths on the login and controller hosts, written into jobstats.yaml as they are: never copied,
/// because the group allowed to read them is the site's decision.</param>
/// <param name="Retention">How long the deployed VictoriaMetrics keeps series (kind victoriametrics).</param>
public sealed record LongTermStoreSettings(
    LongTermStoreKind Kind, string? RemoteWriteUrl, StoreCredentials Write, string? Tenant, string? QueryUrl, StoreCredentials Query, string Retention)
{
    public static readonly LongTermStoreSettings None = new(LongTermStoreKind.None, null, StoreCredentials.None, null, null, StoreCredentials.None, "1y");
}
