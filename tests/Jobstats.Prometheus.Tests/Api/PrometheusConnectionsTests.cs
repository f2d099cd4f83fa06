using System.Text;
using Jobstats.Core.Config;
using Jobstats.Prometheus.Api;
using Jobstats.Testing;
using static System.IO.UnixFileMode;

namespace Jobstats.Prometheus.Tests.Api;

/// <summary>Credentials from the files jobstats.yaml names: read, trimmed, and refused when others could read or swap them.</summary>
public sealed class PrometheusConnectionsTests : IDisposable
{
    private const string Url = "https://vm.site";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Secret(string name, string text, UnixFileMode mode = UserRead | UserWrite | GroupRead)
    {
        string path = _dir.Combine(name);
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, mode);
        return path;
    }

    [Fact]
    public void A_bearer_token_file_becomes_the_header_without_its_final_newline()
    {
        var header = PrometheusConnections.AuthorizationFor(new PrometheusAccess(Url, Secret("token", "s3cret-token\n")));
        Assert.Equal("Bearer s3cret-token", header?.ToString());
    }

    [Fact]
    public void Basic_auth_sends_the_user_and_the_password_from_its_file()
    {
        var header = PrometheusConnections.AuthorizationFor(new PrometheusAccess(Url, BasicAuth: new BasicAuthSettings("jobstats", Secret("pw", "pa:ss\n"))));
        Assert.Equal("Basic", header?.Scheme);
        Assert.Equal("jobstats:pa:ss", Encoding.UTF8.GetString(Convert.FromBase64String(header!.Parameter!)));
    }

    [Fact]
    public void No_credentials_no_header() => Assert.Null(PrometheusConnections.AuthorizationFor(new PrometheusAccess(Url)));

    [Theory]
    [InlineData("readable by every user (mode 0644)", UserRead | UserWrite | GroupRead | OtherRead, "t\n")]
    [InlineData("writable by others than its owner (mode 0660)", UserRead | UserWrite | GroupRead | GroupWrite, "t\n")]
    [InlineData("is empty", UserRead | UserWrite, " \n")]
    [InlineData("holds more than one line", UserRead | UserWrite, "first\nsecond\n")]
    public void A_token_file_others_could_read_or_swap_or_that_holds_no_single_token_is_refused(string reason, UnixFileMode mode, string text)
    {
        string path = Secret("token", text, mode);
        var e = Assert.Throws<PrometheusException>(() => PrometheusConnections.AuthorizationFor(new PrometheusAccess(Url, path)));
        Assert.Contains($"the bearer token file {path} (for {Url})", e.Message);
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void A_missing_password_file_is_named()
    {
        string path = _dir.Combine("absent");
        var e = Assert.Throws<PrometheusException>(() =>
            PrometheusConnections.AuthorizationFor(new PrometheusAccess(Url, BasicAuth: new BasicAuthSettings("u", path))));
        Assert.Equal($"the password file {path} (for {Url}) does not exist", e.Message);
    }

    [Fact]
    public void A_ca_file_without_a_certificate_is_refused_when_the_client_is_built()
    {
        using var connections = new PrometheusConnections();
        string ca = Secret("ca.pem", "not a certificate\n", UserRead | UserWrite | GroupRead | OtherRead);
        var e = Assert.Throws<PrometheusException>(() => connections.ClientFor(new PrometheusAccess(Url, CaFile: ca)));
        Assert.Contains($"the CA file {ca} (for {Url})", e.Message);
    }
}
