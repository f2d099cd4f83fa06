namespace Jobstats.Deploy.Inventories;

/// <summary>
/// TLS and basic auth for jobstats-exporter (the inventory's <c>exporter:</c> section). Secrets are never in the
/// inventory: it names files. <see cref="ExporterTls.CertFile"/> and <see cref="ExporterTls.KeyFile"/> are on every
/// compute node (each node has its own certificate, from the site's PKI); <see cref="ExporterTls.CaFile"/> and
/// <see cref="ExporterBasicAuth.PasswordFile"/> are read where jobstatsctl runs, and installed for Prometheus.
/// </summary>
public sealed record ExporterSecurity(ExporterTls? Tls, ExporterBasicAuth? BasicAuth)
{
    public static readonly ExporterSecurity None = new(null, null);

    public bool Enabled => Tls is not null || BasicAuth is not null;
}

/// <param name="ServerName">The name Prometheus expects in the node certificates when it is not the node's host name.</param>
public sealed record ExporterTls(string CertFile, string KeyFile, string CaFile, string? ServerName);

public sealed record ExporterBasicAuth(string Username, string PasswordFile);
