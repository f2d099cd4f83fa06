using System.Security.Authentication;

namespace Jobstats.Metrics.Security;

/// <summary>
/// A web configuration file in the format of prometheus/exporter-toolkit (<c>--web.config.file</c>), as far as this
/// server supports it: TLS from certificate and key files, optional verified client certificates, and basic-auth
/// users with bcrypt hashes. Null <see cref="Tls"/>: plain HTTP; no users: no basic auth.
/// </summary>
public sealed record WebConfig(TlsServerConfig? Tls, IReadOnlyDictionary<string, string> BasicAuthUsers);

/// <summary>The supported part of <c>tls_server_config</c>; paths already resolved against the file's directory.</summary>
public sealed record TlsServerConfig(
    string CertFile,
    string KeyFile,
    bool RequireClientCert,
    string? ClientCaFile,
    SslProtocols Protocols);
