using Jobstats.Testing;

namespace Jobstats.Integration.Tests.Exporter;

/// <summary>jobstats-summaries serve takes the same --web.config.file as the exporter, for its metrics endpoint.</summary>
public sealed class SummariesWebConfigTests : IDisposable
{
    private readonly TempDirectory _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task Serve_refuses_a_malformed_web_config_with_its_line_before_doing_anything()
    {
        var config = _work.Combine("jobstats.yaml");
        File.WriteAllText(config, $"""
            prometheus:
              url: http://127.0.0.1:9
            summaries:
              spool_dir: {_work.Combine("spool")}
              metrics_listen: "127.0.0.1:0"
            """);
        var web = _work.Combine("web.yml");
        File.WriteAllText(web, "tls_server_config:\n  cert_file: a.pem\n  key_file: b.pem\n  client_auth_type: RequestClientCert\n");

        var result = await RealProcess.RunAsync(Repository.PublishedProgram("jobstats-summaries"),
            ["serve", "--config", config, "--web.config.file", web], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{web}:4: 'tls_server_config.client_auth_type' must be one of NoClientCert, RequireAndVerifyClientCert", result.StandardError);
        Assert.DoesNotContain("   at ", result.StandardError);
        Assert.False(Directory.Exists(_work.Combine("spool", "queue")), "the service started although its web config is unusable");
    }
}
