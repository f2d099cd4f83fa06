using Jobstats.Integration.Tests.Report;
using Jobstats.Testing;
using static System.IO.UnixFileMode;

namespace Jobstats.Integration.Tests.LongTermStore;

/// <summary>
/// The published jobstats asking stores behind a real authenticating proxy, Debian's vmauth over TLS: a bearer token
/// reaches the real victoria-metrics (loaded with the report fixtures), basic auth reaches the report tests' real
/// Prometheus. The report is the golden one either way; wrong, missing or exposed credentials fail with a reason.
/// </summary>
[Collection(ReportCollection.Name)]
public sealed class StoreAuthTests(ReportEnvironment env) : IAsyncLifetime
{
    private const string Token = "lab-store-token-0123456789";
    private const string Password = "lab store password";
    private readonly TempDirectory _work = new("jobstats-store-auth-");
    private readonly List<ServerProcess> _servers = [];
    private TestCertificates _pki = null!;
    private string _proxy = "";

    public async ValueTask InitializeAsync()
    {
        var cancel = TestContext.Current.CancellationToken;
        _pki = new TestCertificates(_work.Combine("pki"));
        var (vm, vmUrl) = await StoreServers.VictoriaMetricsAsync(_work.Combine("vm-data"), cancel);
        _servers.Add(vm);
        await StoreServers.ImportAsync(vmUrl, FixtureJobs.Build().ToString(), cancel);
        string authConfig = _work.Combine("vmauth.yml");
        await File.WriteAllTextAsync(authConfig, $"""
            users:
              - bearer_token: "{Token}"
                url_prefix: "{vmUrl}"
              - username: "jobstats"
                password: "{Password}"
                url_prefix: "{env.PrometheusUrl}"
            """, cancel);
        var (proxy, proxyUrl) = await StoreServers.VmAuthAsync(authConfig, _pki, cancel);
        _servers.Add(proxy);
        _proxy = proxyUrl;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers) await server.DisposeAsync();
        _work.Dispose();
    }

    private string SecretFile(string name, string text, UnixFileMode mode = UserRead | UserWrite | GroupRead)
    {
        string path = _work.Combine(name);
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, mode);
        return path;
    }

    /// <summary>A config whose default Prometheus answers nothing: only the lab cluster's entry can produce a report.</summary>
    private string Config(string labEntry)
    {
        string path = _work.Combine($"jobstats-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, $"""
            prometheus:
              url: http://127.0.0.1:9
              timeout_seconds: 10
            sampling_period_seconds: 30
            clusters:
              lab:
                prometheus_url: {_proxy}
            {labEntry}
            """);
        return path;
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> Jobstats(string config, params string[] args) =>
        env.Jobstats(args, new Dictionary<string, string> { ["JOBSTATS_CONFIG"] = config });

    [Theory]
    [InlineData("1001", "single-node-cpu.txt")]
    [InlineData("1003", "gpu-idle-gpu.txt")]
    public async Task A_bearer_token_and_the_site_CA_get_the_golden_report_from_VictoriaMetrics_through_vmauth(string jobId, string golden)
    {
        string config = Config($"""
                bearer_token_file: {SecretFile("token", Token + "\n")}
                ca_file: {_pki.CaFile}
            """);
        var (exit, stdout, stderr) = await Jobstats(config, "-c", "lab", jobId);
        Assert.Equal(("", 0), (stderr, exit));
        Golden.Match(env, golden, stdout);
    }

    [Fact]
    public async Task Basic_auth_gets_the_golden_report_from_Prometheus_through_vmauth()
    {
        string config = Config($"""
                basic_auth: {"{"}username: jobstats, password_file: {SecretFile("password", Password + "\n")}{"}"}
                ca_file: {_pki.CaFile}
            """);
        var (exit, stdout, stderr) = await Jobstats(config, "-c", "lab", "1001");
        Assert.Equal(("", 0), (stderr, exit));
        Golden.Match(env, "single-node-cpu.txt", stdout);
    }

    [Fact]
    public async Task A_wrong_token_no_token_an_exposed_token_or_an_unknown_CA_fail_with_the_reason()
    {
        string ca = $"    ca_file: {_pki.CaFile}";
        var wrong = await Jobstats(Config($"    bearer_token_file: {SecretFile("wrong", "not-the-token\n")}\n{ca}"), "-c", "lab", "1001");
        Assert.Equal(1, wrong.ExitCode);
        // vmauth answers an unknown token with 400 and quotes it; jobstats says what it means and quotes nothing.
        Assert.Contains($"Prometheus at {_proxy} answered HTTP 400 BadRequest: some proxies (vmauth among them) answer so to credentials they do not know", wrong.Stderr);
        Assert.DoesNotContain("not-the-token", wrong.Stderr);

        var none = await Jobstats(Config(ca), "-c", "lab", "1001");
        Assert.Equal(1, none.ExitCode);
        Assert.Contains("it wants credentials; give bearer_token_file or basic_auth for it in the config file", none.Stderr);

        string exposed = SecretFile("exposed", Token, UserRead | UserWrite | GroupRead | OtherRead);
        var open = await Jobstats(Config($"    bearer_token_file: {exposed}\n{ca}"), "-c", "lab", "1001");
        Assert.Equal(1, open.ExitCode);
        Assert.Contains($"the bearer token file {exposed} (for {_proxy}) is readable by every user (mode 0644)", open.Stderr);

        // Without the site CA the proxy's certificate is not trusted, and the token is never sent.
        var untrusted = await Jobstats(Config($"    bearer_token_file: {SecretFile("token2", Token)}"), "-c", "lab", "1001");
        Assert.Equal(1, untrusted.ExitCode);
        Assert.Contains($"cannot reach Prometheus at {_proxy}", untrusted.Stderr);
        Assert.All(new[] { wrong.Stdout, none.Stdout, open.Stdout, untrusted.Stdout }, Assert.Empty);
    }
}
