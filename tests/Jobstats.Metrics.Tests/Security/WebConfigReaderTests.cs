using System.Security.Authentication;
using Jobstats.Core.Yaml;
using Jobstats.Metrics.Security;

namespace Jobstats.Metrics.Tests.Security;

public sealed class WebConfigReaderTests
{
    private const string Hash = "$2y$10$X0h1gDsPszWURQaxFh.zoubFi6DXncSjhoQNJgRrnGs7EsimhC7zG";

    private static (WebConfig? Config, IReadOnlyList<string> Problems) Read(string yaml)
    {
        var problems = new YamlProblems("web.yml");
        var config = WebConfigReader.Read(yaml, "/etc/jobstats", problems);
        return (config, problems.All.Select(p => p.ToString()).ToList());
    }

    [Fact]
    public void Reads_tls_and_users_with_relative_paths_taken_from_the_file_s_directory()
    {
        var (config, problems) = Read($"""
            tls_server_config:
              cert_file: node.pem
              key_file: /etc/ssl/private/node-key.pem
              client_auth_type: RequireAndVerifyClientCert
              client_ca_file: ca.pem
              min_version: TLS13
            basic_auth_users:
              prometheus: {Hash}
              'alice': "{Hash}"
            """);

        Assert.Empty(problems);
        var tls = Assert.IsType<TlsServerConfig>(config!.Tls);
        Assert.Equal("/etc/jobstats/node.pem", tls.CertFile);
        Assert.Equal("/etc/ssl/private/node-key.pem", tls.KeyFile);
        Assert.True(tls.RequireClientCert);
        Assert.Equal("/etc/jobstats/ca.pem", tls.ClientCaFile);
        Assert.Equal(SslProtocols.Tls13, tls.Protocols);
        Assert.Equal(["alice", "prometheus"], config.BasicAuthUsers.Keys.Order());
    }

    [Fact]
    public void Defaults_are_TLS_1_2_and_1_3_without_client_certificates_and_an_empty_file_asks_for_nothing()
    {
        var (config, problems) = Read("tls_server_config:\n  cert_file: c.pem\n  key_file: k.pem\n");
        Assert.Empty(problems);
        Assert.Equal(SslProtocols.Tls12 | SslProtocols.Tls13, config!.Tls!.Protocols);
        Assert.False(config.Tls.RequireClientCert);
        Assert.Empty(config.BasicAuthUsers);

        var (empty, none) = Read("# nothing yet\n");
        Assert.Empty(none);
        Assert.Null(empty!.Tls);
        Assert.Empty(empty.BasicAuthUsers);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_with_its_line_and_unsupported_toolkit_settings_are_named()
    {
        var (config, problems) = Read("""
            tls_server_config:
              cert: |
                -----BEGIN CERTIFICATE-----
              key_file: k.pem
              client_auth_type: VerifyClientCertIfGiven
              max_version: TLS12
              min_version: TLS13
            http_server_config:
              http2: false
            basic_auth_users:
              bob: hunter2
              "a:b": $2y$10$X0h1gDsPszWURQaxFh.zoubFi6DXncSjhoQNJgRrnGs7EsimhC7zG
            """);

        Assert.Null(config);
        Assert.Equal(
        [
            "web.yml:8: 'http_server_config' is not supported by this server (see docs/exporter.md)",
            "web.yml:2: 'tls_server_config.cert' is not supported by this server (see docs/exporter.md)",
            "web.yml:2: 'tls_server_config.cert_file' is required",
            "web.yml:5: 'tls_server_config.client_auth_type' must be one of NoClientCert, RequireAndVerifyClientCert, not 'VerifyClientCertIfGiven'",
            "web.yml:6: 'max_version' is below 'min_version'",
            "web.yml:11: 'basic_auth_users.bob' is not a bcrypt hash (make one with: htpasswd -nBC 10 \"\" | tr -d ':\\n')",
            "web.yml:12: basic-auth user 'a:b' contains ':', which basic auth cannot carry",
        ], problems);
    }

    [Theory]
    [InlineData("tls_server_config:\n  cert_file: c.pem\n  key_file: k.pem\n  client_auth_type: RequireAndVerifyClientCert\n",
        "web.yml:4: 'client_auth_type: RequireAndVerifyClientCert' needs 'client_ca_file'")]
    [InlineData("tls_server_config:\n  cert_file: c.pem\n  key_file: k.pem\n  client_ca_file: ca.pem\n",
        "web.yml:4: 'client_ca_file' is only used with 'client_auth_type: RequireAndVerifyClientCert'")]
    [InlineData("tls_server_config:\n  cert_file: c.pem\n  key_file: k.pem\n  certfile: x\n",
        "web.yml:4: unknown key 'tls_server_config.certfile'")]
    [InlineData("basic_auth_users: [prometheus]\n", "web.yml:1: 'basic_auth_users' must be a mapping")]
    [InlineData("tls_server_config:\n  cert_file: &c c.pem\n  key_file: *c\n", "web.yml:2: anchor '&c': anchors and aliases are not supported")]
    public void A_setting_that_would_not_do_what_it_says_is_refused(string yaml, string expected)
    {
        var (config, problems) = Read(yaml);
        Assert.Null(config);
        Assert.StartsWith(expected, problems[0]);
    }
}
