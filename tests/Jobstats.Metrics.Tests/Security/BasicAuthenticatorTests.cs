using System.Text;
using Jobstats.Metrics.Security;

namespace Jobstats.Metrics.Tests.Security;

public sealed class BasicAuthenticatorTests
{
    /// <summary>"secret" hashed by glibc's libxcrypt (crypt(3), $2b$): an implementation independent of ours.</summary>
    private const string LibxcryptHash = "$2b$10$uwB248jdkxL3xsyPCoebVuEAtzSLFxCqREXYTjnBGoc5xZ7ATtv2C";

    private static string Header(string user, string password) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    [Fact]
    public async Task Accepts_the_right_password_of_a_known_user_only()
    {
        // htpasswd writes $2y$, crypt(3) $2b$: the same algorithm, both accepted.
        var auth = new BasicAuthenticator(new Dictionary<string, string>
        {
            ["prometheus"] = LibxcryptHash,
            ["htpasswd"] = "$2y$" + LibxcryptHash[4..],
        });
        var cancel = TestContext.Current.CancellationToken;

        Assert.True(await auth.CheckAsync(Header("prometheus", "secret"), cancel));
        Assert.True(await auth.CheckAsync(Header("htpasswd", "secret"), cancel));
        Assert.True(await auth.CheckAsync("basic " + Convert.ToBase64String("prometheus:secret"u8), cancel));
        Assert.False(await auth.CheckAsync(Header("prometheus", "Secret"), cancel));
        Assert.False(await auth.CheckAsync(Header("nobody", "secret"), cancel));
        Assert.False(await auth.CheckAsync(null, cancel));
        Assert.False(await auth.CheckAsync("Bearer abc", cancel));
        Assert.False(await auth.CheckAsync("Basic not*base64", cancel));
        Assert.False(await auth.CheckAsync("Basic " + Convert.ToBase64String("no-colon"u8), cancel));
    }

    [Fact]
    public async Task A_verified_password_is_remembered_so_a_scrape_does_not_pay_bcrypt_again_but_a_wrong_one_always_does()
    {
        var auth = new BasicAuthenticator(new Dictionary<string, string> { ["prometheus"] = LibxcryptHash });
        var cancel = TestContext.Current.CancellationToken;

        for (var scrape = 0; scrape < 5; scrape++) Assert.True(await auth.CheckAsync(Header("prometheus", "secret"), cancel));
        Assert.Equal(1, auth.BcryptRuns);
        for (var guess = 0; guess < 3; guess++) Assert.False(await auth.CheckAsync(Header("prometheus", "guess"), cancel));
        Assert.Equal(4, auth.BcryptRuns);
        Assert.True(await auth.CheckAsync(Header("prometheus", "secret"), cancel));
        Assert.Equal(4, auth.BcryptRuns);
    }

    [Fact]
    public async Task An_unknown_user_runs_bcrypt_like_a_known_one_so_timing_does_not_reveal_which_users_exist()
    {
        var auth = new BasicAuthenticator(new Dictionary<string, string> { ["prometheus"] = LibxcryptHash });
        var cancel = TestContext.Current.CancellationToken;

        Assert.False(await auth.CheckAsync(Header("root", "secret"), cancel));
        Assert.False(await auth.CheckAsync(Header("admin", "guess"), cancel));

        Assert.Equal(2, auth.BcryptRuns);
    }
}
