using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Jobstats.Testing;

/// <summary>
/// A throw-away CA and, signed by it, a server certificate for 127.0.0.1 and localhost and a client certificate,
/// written as PEM files into <paramref name="directory"/>: what an admin would get from the site's CA.
/// </summary>
public sealed class TestCertificates
{
    public TestCertificates(string directory)
    {
        Directory.CreateDirectory(directory);
        CaFile = Path.Combine(directory, "ca.pem");
        ServerCertFile = Path.Combine(directory, "server.pem");
        ServerKeyFile = Path.Combine(directory, "server-key.pem");
        ClientCertFile = Path.Combine(directory, "client.pem");
        ClientKeyFile = Path.Combine(directory, "client-key.pem");

        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Jobstats test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        using var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        File.WriteAllText(CaFile, ca.ExportCertificatePem());

        // The leaves end a day before the CA: a certificate may not outlive its issuer.
        Issue(ca, "CN=127.0.0.1", server: true, ServerCertFile, ServerKeyFile, now);
        Issue(ca, "CN=jobstats-test-client", server: false, ClientCertFile, ClientKeyFile, now);
    }

    public string CaFile { get; }
    public string ServerCertFile { get; }
    public string ServerKeyFile { get; }
    public string ClientCertFile { get; }
    public string ClientKeyFile { get; }

    /// <summary>The CA as a certificate, for clients that verify the server against it.</summary>
    public X509Certificate2 LoadCa() => X509CertificateLoader.LoadCertificateFromFile(CaFile);

    private static void Issue(X509Certificate2 ca, string subject, bool server, string certFile, string keyFile, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(server ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        if (server)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            names.AddDnsName("localhost");
            request.CertificateExtensions.Add(names.Build());
        }
        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7f;
        using var certificate = request.Create(ca, now.AddDays(-1), now.AddDays(29), serial);
        File.WriteAllText(certFile, certificate.ExportCertificatePem());
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
    }
}
