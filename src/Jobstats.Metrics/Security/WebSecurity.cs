using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Jobstats.Metrics.Security;

/// <summary>
/// What a web configuration file asks of every connection, ready to use: the TLS server options (certificates
/// loaded once at start-up), and the basic-auth check. Either may be absent.
/// </summary>
public sealed class WebSecurity
{
    private WebSecurity(SslServerAuthenticationOptions? tls, BasicAuthenticator? basicAuth)
    {
        Tls = tls;
        BasicAuth = basicAuth;
    }

    public SslServerAuthenticationOptions? Tls { get; }
    public BasicAuthenticator? BasicAuth { get; }

    /// <summary>
    /// Reads <paramref name="path"/> and the files it names; null with every problem in <paramref name="problems"/>
    /// (each "file:line: problem" or "file: problem") when anything is wrong, so the program refuses to start.
    /// </summary>
    public static WebSecurity? Load(string path, List<string> problems)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add($"{path}: cannot read the web configuration file: {e.Message}");
            return null;
        }
        var yamlProblems = new Core.Yaml.YamlProblems(path);
        var config = WebConfigReader.Read(text, Path.GetDirectoryName(Path.GetFullPath(path))!, yamlProblems);
        problems.AddRange(yamlProblems.All.OrderBy(p => p.Line).Select(p => p.ToString()));
        if (config is null) return null;
        var tls = config.Tls is null ? null : TlsOptions(config.Tls, path, problems);
        if (problems.Count > 0) return null;
        return new WebSecurity(tls, config.BasicAuthUsers.Count == 0 ? null : new BasicAuthenticator(config.BasicAuthUsers));
    }

    private static SslServerAuthenticationOptions? TlsOptions(TlsServerConfig tls, string path, List<string> problems)
    {
        SslStreamCertificateContext certificate;
        try
        {
            var leaf = X509Certificate2.CreateFromPemFile(tls.CertFile, tls.KeyFile);
            // Certificates after the first in cert_file are the chain up to the CA, sent along in the handshake.
            var chain = new X509Certificate2Collection();
            chain.ImportFromPemFile(tls.CertFile);
            certificate = SslStreamCertificateContext.Create(leaf, new X509Certificate2Collection(chain.Skip(1).ToArray()), offline: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            problems.Add($"{path}: cannot load the server certificate {tls.CertFile} with key {tls.KeyFile}: {e.Message}");
            return null;
        }
        var options = new SslServerAuthenticationOptions
        {
            ServerCertificateContext = certificate,
            EnabledSslProtocols = tls.Protocols,
            ClientCertificateRequired = tls.RequireClientCert,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        };
        if (tls.ClientCaFile is { } caFile)
        {
            var authorities = new X509Certificate2Collection();
            try { authorities.ImportFromPemFile(caFile); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
            {
                problems.Add($"{path}: cannot load the client CA file {caFile}: {e.Message}");
                return null;
            }
            if (authorities.Count == 0)
            {
                problems.Add($"{path}: the client CA file {caFile} holds no PEM certificate");
                return null;
            }
            // Client certificates are verified against these authorities only, never the system's trust store.
            var policy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            policy.CustomTrustStore.AddRange(authorities);
            options.CertificateChainPolicy = policy;
            options.RemoteCertificateValidationCallback = (_, cert, _, errors) => cert is not null && errors == SslPolicyErrors.None;
        }
        return options;
    }
}
