using System.Security.Cryptography;
using System.Text;
using Jobstats.Deploy.Inventories;

namespace Jobstats.Deploy.Components;

/// <summary>
/// What the inventory's <c>exporter:</c> section becomes: the exporter's web configuration file (the
/// prometheus/exporter-toolkit format that <c>--web.config.file</c> reads) and the matching settings of Prometheus'
/// scrape job.
/// </summary>
internal static class ExporterWebConfig
{
    private const int BcryptCost = 10;

    /// <summary>The exporter's web configuration; the password is read (and hashed) only when the content is needed.</summary>
    public static string Render(ExporterSecurity security, string cluster, Func<string> readPassword)
    {
        var text = new StringBuilder("# Written by jobstatsctl from the inventory's exporter: section (see docs/exporter.md).\n");
        if (security.Tls is { } tls)
            text.Append($"tls_server_config:\n  cert_file: {Quoted(tls.CertFile)}\n  key_file: {Quoted(tls.KeyFile)}\n");
        if (security.BasicAuth is { } auth)
            text.Append($"basic_auth_users:\n  {auth.Username}: {StableHash(readPassword(), cluster, auth.Username)}\n");
        return text.ToString();
    }

    /// <summary>A path as a YAML single-quoted scalar: a path may hold ': ' or ' #', which would change the document.</summary>
    private static string Quoted(string path) => "'" + path.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>Lines to append to the jobstats-exporter scrape job (indented for it), or nothing.</summary>
    public static string ScrapeSettings(ExporterSecurity security)
    {
        var text = new StringBuilder();
        if (security.Tls is { } tls)
        {
            text.Append($"\n    scheme: https\n    tls_config:\n      ca_file: {Layout.PrometheusExporterCa}");
            if (tls.ServerName is { } name) text.Append($"\n      server_name: {name}");
        }
        if (security.BasicAuth is { } auth)
            text.Append($"\n    basic_auth:\n      username: {auth.Username}\n      password_file: {Layout.PrometheusExporterPassword}");
        return text.ToString();
    }

    /// <summary>
    /// The password from its file as Prometheus reads a password_file: surrounding white space (the final newline an
    /// editor adds) is not part of it.
    /// </summary>
    public static string ReadPassword(string path)
    {
        var password = File.ReadAllText(path).Trim();
        return password.Length > 0 ? password : throw new InvalidDataException($"the password file {path} is empty");
    }

    /// <summary>
    /// A bcrypt hash that is the same on every apply. bcrypt's salt is random so that equal passwords hash differently;
    /// a new salt on every apply would rewrite the file and restart every exporter each time. Here the salt is derived
    /// from the password through bcrypt itself (under a seed of the cluster and user): testing a guess against the salt
    /// costs a bcrypt run, as testing it against the hash does, and equal passwords still hash differently per cluster
    /// and user.
    /// </summary>
    internal static string StableHash(string password, string cluster, string user)
    {
        var seed = Salt(SHA256.HashData(Encoding.UTF8.GetBytes($"jobstats-exporter\0{cluster}\0{user}")));
        var derived = BCrypt.Net.BCrypt.HashPassword(password, seed);
        return BCrypt.Net.BCrypt.HashPassword(password, Salt(SHA256.HashData(Encoding.UTF8.GetBytes(derived))));
    }

    /// <summary>A bcrypt salt string from the first 16 bytes: bcrypt's base64 packs bits as the standard one does,
    /// with its own alphabet.</summary>
    private static string Salt(byte[] bytes)
    {
        const string standard = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        const string bcrypt = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        var encoded = Convert.ToBase64String(bytes, 0, 16)[..22];
        return $"$2b${BcryptCost}$" + string.Concat(encoded.Select(c => bcrypt[standard.IndexOf(c)]));
    }
}
