namespace Jobstats.Core.Config;

/// <summary>
/// Where and how <c>jobstats</c> asks a PromQL store (Prometheus, or a long-term store such as VictoriaMetrics, Thanos
/// or Mimir behind an authenticating proxy). Secrets are never in the config: it names the files that hold them, read
/// only when a query is made.
/// </summary>
/// <param name="BearerTokenFile">Sent as <c>Authorization: Bearer</c>; exclusive with <paramref name="BasicAuth"/>.</param>
/// <param name="CaFile">PEM file of the CA that signed the store's certificate, trusted instead of the system's.</param>
public sealed record PrometheusAccess(string Url, string? BearerTokenFile = null, BasicAuthSettings? BasicAuth = null, string? CaFile = null)
{
    public bool HasCredentials => BearerTokenFile is not null || BasicAuth is not null;
}

/// <summary>HTTP basic auth: the user name in the config, the password in its own file.</summary>
public sealed record BasicAuthSettings(string Username, string PasswordFile);
