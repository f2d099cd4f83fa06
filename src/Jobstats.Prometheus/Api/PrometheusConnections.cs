using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Jobstats.Core.Config;

namespace Jobstats.Prometheus.Api;

/// <summary>
/// The HTTP clients and credentials for the stores of a run (one per cluster at most). A store with its own CA gets its
/// own client trusting that CA alone; the others share one. Secret files are read on first use, so a report from a
/// stored summary reads none, and clients are built only when a query is made.
/// </summary>
public sealed class PrometheusConnections(Func<HttpClient>? plain = null) : IDisposable
{
    private readonly Lazy<HttpClient> _plain = new(plain ?? (() => new HttpClient { Timeout = Timeout.InfiniteTimeSpan }));
    private readonly bool _ownsPlain = plain is null;
    private readonly ConcurrentDictionary<string, Lazy<HttpClient>> _byCa = new(StringComparer.Ordinal);

    public HttpClient ClientFor(PrometheusAccess access) => access.CaFile is not { } ca
        ? _plain.Value
        : _byCa.GetOrAdd(ca, path => new Lazy<HttpClient>(() => Trusting(path, access.Url))).Value;

    /// <summary>
    /// A client for one cluster's store (<see cref="JobstatsConfig.PrometheusFor"/>): its URL, its credentials, the
    /// response cap, and the sampling period as the subquery step, so that Prometheus and VictoriaMetrics agree.
    /// </summary>
    public PrometheusClient Open(JobstatsConfig config, PrometheusAccess access, QueryGate? gate = null, TimeSpan? requestTimeout = null) =>
        new(ClientFor(access), access.Url, config.MaxResponseMiB * 1024L * 1024)
        {
            Authorization = AuthorizationFor(access),
            SubqueryStepSeconds = config.SamplingPeriodSeconds,
            Gate = gate,
            RequestTimeout = requestTimeout,
        };

    /// <summary>The Authorization header for <paramref name="access"/>, read from its files now; null without credentials.</summary>
    public static AuthenticationHeaderValue? AuthorizationFor(PrometheusAccess access)
    {
        if (access.BearerTokenFile is { } tokenFile)
            return new AuthenticationHeaderValue("Bearer", SecretFile.ReadSecret(tokenFile, "bearer token", access.Url));
        if (access.BasicAuth is { } basic)
        {
            string password = SecretFile.ReadSecret(basic.PasswordFile, "password", access.Url);
            return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{basic.Username}:{password}")));
        }
        return null;
    }

    /// <summary>A client that trusts only the CA in <paramref name="caFile"/> and checks the name against the URL's host.</summary>
    private static HttpClient Trusting(string caFile, string url)
    {
        var authorities = new X509Certificate2Collection();
        try { authorities.ImportFromPem(SecretFile.ReadPublic(caFile, "CA", url)); }
        catch (CryptographicException e) { throw new PrometheusException($"the CA file {caFile} (for {url}) holds no readable PEM certificate: {e.Message}", e); }
        if (authorities.Count == 0) throw new PrometheusException($"the CA file {caFile} (for {url}) holds no PEM certificate");
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                {
                    if (certificate is not X509Certificate2 presented) return false;
                    if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) return false;
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
                    return chain.Build(presented);
                },
            },
        };
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public void Dispose()
    {
        if (_ownsPlain && _plain.IsValueCreated) _plain.Value.Dispose();
        foreach (var client in _byCa.Values)
            if (client.IsValueCreated) client.Value.Dispose();
    }
}
