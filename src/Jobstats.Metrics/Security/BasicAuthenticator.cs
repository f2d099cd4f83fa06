using System.Security.Cryptography;
using System.Text;

namespace Jobstats.Metrics.Security;

/// <summary>
/// Checks an <c>Authorization: Basic</c> header against bcrypt hashes, as exporter-toolkit does:
/// <list type="bullet">
/// <item>an unknown user is checked against a dummy hash of the same cost, so the answer takes as long as for a known
/// user and response times do not tell which users exist;</item>
/// <item>bcrypt runs one at a time (it is meant to be slow: a flood of guesses costs one core, not all of them, and
/// waiting requests hold no thread);</item>
/// <item>verified credentials are remembered as a SHA-256 of (user, password), so Prometheus scraping every 15 s
/// pays bcrypt once, not on every scrape. The cache holds no password and is bounded; failures are not cached, so
/// a flood of wrong guesses can neither fill it nor evict the scraper's entry, and each guess pays bcrypt.</item>
/// </list>
/// </summary>
public sealed class BasicAuthenticator
{
    private const int MaxCached = 100;

    private readonly IReadOnlyDictionary<string, string> _users;
    private readonly string _dummyHash;
    private readonly SemaphoreSlim _bcrypt = new(1);
    private readonly Lock _gate = new();
    private readonly HashSet<string> _verified = new(StringComparer.Ordinal);

    private long _bcryptRuns;

    /// <summary>How many times bcrypt has run: the cost the cache saves and a flood of guesses pays.</summary>
    internal long BcryptRuns => Interlocked.Read(ref _bcryptRuns);

    public BasicAuthenticator(IReadOnlyDictionary<string, string> users)
    {
        _users = users;
        // Same cost as the first user's hash, so that a miss costs what a hit does.
        var cost = users.Values.Select(h => int.Parse(h.AsSpan(4, 2), System.Globalization.CultureInfo.InvariantCulture)).DefaultIfEmpty(10).First();
        _dummyHash = BCrypt.Net.BCrypt.HashPassword(Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), Math.Clamp(cost, 4, 31));
    }

    /// <summary>
    /// True when <paramref name="authorization"/> (the header's value, or null) names a user with its password. Waiting
    /// for bcrypt holds no thread, and <paramref name="cancel"/> (the connection's deadline) ends the wait.
    /// </summary>
    public async Task<bool> CheckAsync(string? authorization, CancellationToken cancel)
    {
        if (!TryDecode(authorization, out var user, out var password)) return false;
        var known = _users.TryGetValue(user, out var hash);
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{user}\0{password}")));
        lock (_gate)
            if (_verified.Contains(key)) return true;
        bool verified;
        await _bcrypt.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            verified = BCrypt.Net.BCrypt.Verify(password, hash ?? _dummyHash);
            Interlocked.Increment(ref _bcryptRuns);
        }
        finally { _bcrypt.Release(); }
        if (!known || !verified) return false;
        lock (_gate)
        {
            // Clearing when full keeps the bound without bookkeeping; the next scrape pays bcrypt once again.
            if (_verified.Count >= MaxCached) _verified.Clear();
            _verified.Add(key);
        }
        return true;
    }

    private static bool TryDecode(string? authorization, out string user, out string password)
    {
        user = password = "";
        if (authorization is null || !authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return false;
        var encoded = authorization["Basic ".Length..].Trim();
        var bytes = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, bytes, out var length)) return false;
        var text = Encoding.UTF8.GetString(bytes, 0, length);
        var colon = text.IndexOf(':');
        if (colon < 0) return false;
        user = text[..colon];
        password = text[(colon + 1)..];
        return true;
    }
}
