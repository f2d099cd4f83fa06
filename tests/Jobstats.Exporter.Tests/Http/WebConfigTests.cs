using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Jobstats.Exporter.Tests.Support;
using Jobstats.Testing;

namespace Jobstats.Exporter.Tests.Http;

/// <summary>
/// The published jobstats-exporter with --web.config.file: TLS and basic auth as exporters built on
/// prometheus/exporter-toolkit offer them, checked with .NET's own TLS client against a CA made in the test.
/// </summary>
public sealed class WebConfigTests : IDisposable
{
    private readonly TempDirectory _root = new();
    private readonly TestCertificates _certificates;

    public WebConfigTests()
    {
        CgroupTree.V1(_root.Path, "slurm", "1000", "7");
        _certificates = new TestCertificates(_root.Combine("pki"));
    }

    public void Dispose() => _root.Dispose();

    [Fact]
    public void A_malformed_web_config_stops_the_exporter_with_every_problem_and_its_line()
    {
        var config = _root.Combine("web.yml");
        File.WriteAllText(config, """
            tls_server_config:
              cert_file: server.pem
              key_file: server-key.pem
              min_version: TLS10
              cipher_suites: [TLS_AES_128_GCM_SHA256]
            basic_auth_users:
              prometheus: plaintext-password
            rate_limit:
              interval: 1s
            web_listen: :9306
            """);

        var result = RealProcess.Run(Repository.PublishedProgram("jobstats-exporter"),
            ["--listen-address", "127.0.0.1:0", "--no-gpu-collector", "--web.config.file", config]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{config}:4: 'tls_server_config.min_version' must be one of TLS12, TLS13, not 'TLS10'", result.StandardError);
        Assert.Contains($"{config}:5: 'tls_server_config.cipher_suites' is not supported", result.StandardError);
        Assert.Contains($"{config}:7: 'basic_auth_users.prometheus' is not a bcrypt hash", result.StandardError);
        Assert.Contains($"{config}:8: 'rate_limit' is not supported", result.StandardError);
        Assert.Contains($"{config}:10: unknown key 'web_listen'", result.StandardError);
        Assert.DoesNotContain("   at ", result.StandardError);
        Assert.DoesNotContain("plaintext-password", result.StandardError);
    }

    [Theory]
    [InlineData("tls_server_config: [a, b]\n", ":1: 'tls_server_config' must be a mapping")]
    [InlineData("tls_server_config:\n  cert_file: absent.pem\n  key_file: absent-key.pem\n", "cannot load the server certificate")]
    [InlineData("tls_server_config:\n  cert_file: a.pem\n", ":2: 'tls_server_config.key_file' is required")]
    [InlineData("basic_auth_users: {\n", "not valid YAML")]
    public void A_web_config_that_cannot_be_used_is_refused_at_start_up_with_a_clear_message(string text, string expected)
    {
        var config = _root.Combine("web.yml");
        File.WriteAllText(config, text);

        var result = RealProcess.Run(Repository.PublishedProgram("jobstats-exporter"),
            ["--listen-address", "127.0.0.1:0", "--no-gpu-collector", "--web.config.file", config]);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"jobstats-exporter: {config}", result.StandardError);
        Assert.Contains(expected, result.StandardError);
        Assert.DoesNotContain("   at ", result.StandardError);
    }

    [Fact]
    public async Task Over_TLS_the_right_password_gets_metrics_and_a_wrong_or_missing_one_gets_401()
    {
        var config = TestWebConfig.Write(_root.Combine("web.yml"), _certificates, ("prometheus", "s3cret pass"));
        using var exporter = new ExporterProcess(["--cgroup-root", _root.Path, "--no-gpu-collector", "--web.config.file", config]);
        using var client = TrustingClient();
        var cancel = TestContext.Current.CancellationToken;
        var url = $"https://127.0.0.1:{exporter.Port}/metrics";

        using var good = await client.SendAsync(Get(url, "prometheus", "s3cret pass"), cancel);
        using var wrong = await client.SendAsync(Get(url, "prometheus", "s3cret"), cancel);
        using var unknown = await client.SendAsync(Get(url, "root", "s3cret pass"), cancel);
        using var missing = await client.SendAsync(Get(url), cancel);
        using var index = await client.SendAsync(Get($"https://localhost:{exporter.Port}/"), cancel);

        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Contains("cgroup_uid{jobid=\"7\"} 1000\n", await good.Content.ReadAsStringAsync(cancel));
        foreach (var refused in new[] { wrong, unknown, missing, index })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("Basic", Assert.Single(refused.Headers.WwwAuthenticate).Scheme);
            Assert.DoesNotContain("cgroup_", await refused.Content.ReadAsStringAsync(cancel));
        }
        Assert.Contains("(TLS) (basic auth)", exporter.Stderr);
    }

    [Fact]
    public async Task A_plain_HTTP_client_gets_no_metrics_from_the_TLS_port()
    {
        var config = TestWebConfig.Write(_root.Combine("web.yml"), _certificates);
        using var exporter = new ExporterProcess(["--cgroup-root", _root.Path, "--no-gpu-collector", "--web.config.file", config]);
        var cancel = TestContext.Current.CancellationToken;

        var watch = Stopwatch.StartNew();
        var reply = await SendRawAsync(exporter.Port, "GET /metrics HTTP/1.1\r\nHost: node\r\n\r\n"u8.ToArray(), cancel);

        Assert.DoesNotContain("cgroup_", reply);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"the server held a non-TLS client for {watch.ElapsedMilliseconds} ms");
        using var client = TrustingClient();
        Assert.Contains("cgroup_uid{jobid=\"7\"} 1000\n", await client.GetStringAsync($"https://127.0.0.1:{exporter.Port}/metrics", cancel));
    }

    [Fact]
    public async Task Garbage_instead_of_a_ClientHello_is_dropped_without_an_error_and_scrapes_go_on()
    {
        var config = TestWebConfig.Write(_root.Combine("web.yml"), _certificates);
        using var exporter = new ExporterProcess(["--cgroup-root", _root.Path, "--no-gpu-collector", "--web.config.file", config]);
        var cancel = TestContext.Current.CancellationToken;

        // A TLS record header announcing a handshake, then random bytes; and pure noise.
        var replies = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            var noise = new byte[300];
            Random.Shared.NextBytes(noise);
            if (i % 2 == 0) "\x16\x03\x01\x01\x00"u8.CopyTo(noise);
            replies.Add(await SendRawAsync(exporter.Port, noise, cancel));
        }

        Assert.All(replies, reply => Assert.DoesNotContain("cgroup_", reply));
        using var client = TrustingClient();
        Assert.Contains("cgroup_uid{jobid=\"7\"} 1000\n", await client.GetStringAsync($"https://127.0.0.1:{exporter.Port}/metrics", cancel));
        Assert.DoesNotContain("level=error", exporter.Stderr);
    }

    [Fact]
    public async Task Clients_that_open_TLS_and_stall_the_handshake_do_not_block_a_good_scraper_and_are_closed_at_the_deadline()
    {
        var config = TestWebConfig.Write(_root.Combine("web.yml"), _certificates, ("prometheus", "pw"));
        using var exporter = new ExporterProcess(["--cgroup-root", _root.Path, "--no-gpu-collector", "--web.config.file", config]);
        var cancel = TestContext.Current.CancellationToken;
        var opened = Stopwatch.StartNew();
        var stalled = new List<Socket>();
        try
        {
            // 100 handshakes that stop inside the ClientHello: a record header promising 512 bytes, then 10 of them.
            for (var i = 0; i < 100; i++)
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                stalled.Add(socket);
                await socket.ConnectAsync(IPAddress.Loopback, exporter.Port, cancel);
                await socket.SendAsync("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\x00\x00\x00\x00"u8.ToArray(), cancel);
            }

            using var client = TrustingClient();
            var times = new List<TimeSpan>();
            for (var i = 0; i < 10; i++)
            {
                var watch = Stopwatch.StartNew();
                using var response = await client.SendAsync(Get($"https://127.0.0.1:{exporter.Port}/metrics", "prometheus", "pw"), cancel);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                times.Add(watch.Elapsed);
                await Task.Delay(100, cancel);
            }
            Assert.True(times.Max() < TimeSpan.FromSeconds(1), $"slowest scrape: {times.Max().TotalMilliseconds:0} ms");

            // The connection deadline (10 s from connect) covers the handshake: the server then closes them all.
            var first = stalled[0];
            var buffer = new byte[1];
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            wait.CancelAfter(TimeSpan.FromSeconds(15));
            int read;
            try { read = await first.ReceiveAsync(buffer, wait.Token); }
            catch (SocketException) { read = 0; }
            Assert.Equal(0, read);
            Assert.InRange(opened.Elapsed, TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(15));
        }
        finally
        {
            foreach (var socket in stalled) socket.Dispose();
        }
    }

    [Fact]
    public async Task With_RequireAndVerifyClientCert_only_a_client_certificate_from_the_CA_is_served()
    {
        var config = TestWebConfig.Write(_root.Combine("web.yml"), _certificates, requireClientCert: true);
        using var exporter = new ExporterProcess(["--cgroup-root", _root.Path, "--no-gpu-collector", "--web.config.file", config]);
        var cancel = TestContext.Current.CancellationToken;
        var url = $"https://127.0.0.1:{exporter.Port}/metrics";

        using var withCertificate = TrustingClient(X509Certificate2.CreateFromPemFile(_certificates.ClientCertFile, _certificates.ClientKeyFile));
        Assert.Contains("cgroup_uid{jobid=\"7\"} 1000\n", await withCertificate.GetStringAsync(url, cancel));

        var stranger = new TestCertificates(_root.Combine("other-pki"));
        using var withOtherCertificate = TrustingClient(X509Certificate2.CreateFromPemFile(stranger.ClientCertFile, stranger.ClientKeyFile));
        await Assert.ThrowsAsync<HttpRequestException>(() => withOtherCertificate.GetStringAsync(url, cancel));
        using var without = TrustingClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => without.GetStringAsync(url, cancel));
    }

    /// <summary>An HTTPS client that trusts the test CA only (never the system's), with a client certificate if given.</summary>
    private HttpClient TrustingClient(X509Certificate2? clientCertificate = null)
    {
        var ca = _certificates.LoadCa();
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                CertificateChainPolicy = new X509ChainPolicy
                {
                    TrustMode = X509ChainTrustMode.CustomRootTrust,
                    RevocationMode = X509RevocationMode.NoCheck,
                    CustomTrustStore = { ca },
                },
                ClientCertificates = clientCertificate is null ? null : new X509CertificateCollection { clientCertificate },
            },
        };
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
    }

    private static HttpRequestMessage Get(string url, string? user = null, string? password = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (user is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return request;
    }

    /// <summary>Sends <paramref name="bytes"/> on a plain TCP connection and returns what comes back until the server closes.</summary>
    private static async Task<string> SendRawAsync(int port, byte[] bytes, CancellationToken cancel)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, port, cancel);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        try
        {
            await socket.SendAsync(bytes, cancel);
            using var stream = new NetworkStream(socket);
            return await new StreamReader(stream, Encoding.Latin1).ReadToEndAsync(timeout.Token);
        }
        // The server may reset the connection while the rest of the bytes are still arriving: nothing came back.
        catch (Exception e) when (e is IOException or SocketException)
        {
            return "";
        }
    }
}
