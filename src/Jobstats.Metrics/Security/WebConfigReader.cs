using System.Security.Authentication;
using System.Text.RegularExpressions;
using Jobstats.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Jobstats.Metrics.Security;

/// <summary>
/// Reads the text of a web configuration file (no I/O: <see cref="WebConfigFile"/> reads the file and the
/// certificates). Every problem is recorded with its line, all at once. Keys of exporter-toolkit that this server
/// does not implement (inline <c>cert</c>/<c>key</c>, cipher suites, HTTP/2, rate limits…) are refused by name rather
/// than ignored: an administrator who asks for a setting must not believe it is in force.
/// </summary>
public static partial class WebConfigReader
{
    private static readonly string[] UnsupportedTlsKeys =
        ["cert", "key", "client_ca", "client_allowed_sans", "cipher_suites", "prefer_server_cipher_suites", "curve_preferences"];

    private static readonly string[] UnsupportedTopKeys = ["http_server_config", "rate_limit"];

    /// <summary>
    /// The configuration, or null when <paramref name="problems"/> gained any. Relative file names are taken from
    /// <paramref name="directory"/>, the directory of the file, as exporter-toolkit does.
    /// </summary>
    public static WebConfig? Read(string yaml, string directory, YamlProblems problems)
    {
        var before = problems.Count;
        var root = YamlText.Load(yaml, problems);
        if (problems.Count > before) return null;
        var top = YamlSection.Of(root, "", problems);
        foreach (var key in UnsupportedTopKeys) Unsupported(top, key);

        TlsServerConfig? tls = null;
        if (top.Node("tls_server_config") is { } tlsNode && !YamlScalars.IsNull(tlsNode))
            tls = ReadTls(top.Section("tls_server_config"), directory);

        var users = new Dictionary<string, string>(StringComparer.Ordinal);
        var usersSection = top.Section("basic_auth_users");
        foreach (var (user, keyNode, value) in usersSection.Entries())
        {
            if (value is not YamlScalarNode { Value: { } hash } || YamlScalars.IsNull(value))
                usersSection.Error(value, $"'basic_auth_users.{user}' must be a bcrypt hash");
            else if (!BcryptHash().IsMatch(hash))
                usersSection.Error(value, $"'basic_auth_users.{user}' is not a bcrypt hash (make one with: htpasswd -nBC 10 \"\" | tr -d ':\\n')");
            else if (user.Contains(':'))
                usersSection.Error(keyNode, $"basic-auth user '{user}' contains ':', which basic auth cannot carry");
            else users[user] = hash;
        }
        usersSection.ReportUnknownKeys();
        top.ReportUnknownKeys();
        return problems.Count > before ? null : new WebConfig(tls, users);
    }

    private static TlsServerConfig? ReadTls(YamlSection tls, string directory)
    {
        foreach (var name in UnsupportedTlsKeys) Unsupported(tls, name);
        var cert = tls.OptionalString("cert_file");
        var key = tls.OptionalString("key_file");
        if (cert is null) tls.Error(null, "'tls_server_config.cert_file' is required");
        if (key is null) tls.Error(null, "'tls_server_config.key_file' is required");
        var requireClientCert = tls.Choice("client_auth_type", false, ("NoClientCert", false), ("RequireAndVerifyClientCert", true));
        var clientCa = tls.OptionalString("client_ca_file");
        if (requireClientCert && clientCa is null)
            tls.Error(tls.Node("client_auth_type"), "'client_auth_type: RequireAndVerifyClientCert' needs 'client_ca_file'");
        if (!requireClientCert && clientCa is not null)
            tls.Error(tls.Node("client_ca_file"), "'client_ca_file' is only used with 'client_auth_type: RequireAndVerifyClientCert'");
        var min = tls.Choice("min_version", SslProtocols.Tls12, ("TLS12", SslProtocols.Tls12), ("TLS13", SslProtocols.Tls13));
        var max = tls.Choice("max_version", SslProtocols.Tls13, ("TLS12", SslProtocols.Tls12), ("TLS13", SslProtocols.Tls13));
        if (min > max) tls.Error(tls.Node("max_version"), "'max_version' is below 'min_version'");
        tls.ReportUnknownKeys();
        if (cert is null || key is null) return null;
        var protocols = (min <= SslProtocols.Tls12 && max >= SslProtocols.Tls12 ? SslProtocols.Tls12 : SslProtocols.None)
                        | (max >= SslProtocols.Tls13 ? SslProtocols.Tls13 : SslProtocols.None);
        return new TlsServerConfig(Path.Combine(directory, cert), Path.Combine(directory, key), requireClientCert,
            clientCa is null ? null : Path.Combine(directory, clientCa), protocols);
    }

    private static void Unsupported(YamlSection section, string key)
    {
        if (section.KeyNode(key) is { } node)
            section.Error(node, $"'{section.Qualify(key)}' is not supported by this server (see docs/exporter.md)");
    }

    // $2a$, $2b$, $2x$ or $2y$, a two-digit cost, then 22 characters of salt and 31 of hash in bcrypt's base64.
    [GeneratedRegex(@"^\$2[abxy]\$[0-9]{2}\$[./A-Za-z0-9]{53}$")]
    private static partial Regex BcryptHash();
}
