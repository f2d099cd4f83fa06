using System.Text.RegularExpressions;

namespace Jobstats.Deploy.ImagingAudit.Checks;

/// <summary>Finds host-specific values and secrets in a text; each hit names the line it is on.</summary>
internal static partial class ContentScanner
{
    public sealed record Hit(FindingGroup Group, Verdict Verdict, string What, int LineNumber);

    public static bool LooksBinary(string text) => text.AsSpan(0, Math.Min(text.Length, 8192)).Contains('\0');

    public static IEnumerable<Hit> Scan(string text, NodeIdentity identity)
    {
        if (LooksBinary(text))
        {
            yield break;
        }
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index];
            var number = index + 1;
            if (identity.Hostname is { } hostname)
            {
                var shortName = hostname.Split('.')[0];
                if (ContainsWord(line, hostname) || (shortName.Length >= 2 && ContainsWord(line, shortName)))
                {
                    yield return new Hit(FindingGroup.HostSpecificContent, Verdict.Blocking, $"the source node's hostname '{hostname}'", number);
                }
            }
            if (identity.MachineId is { } machineId && line.Contains(machineId, StringComparison.OrdinalIgnoreCase))
            {
                yield return new Hit(FindingGroup.HostSpecificContent, Verdict.Blocking, "the source node's /etc/machine-id value", number);
            }
            foreach (var ip in identity.IpAddresses.Where(ip => ContainsWord(line, ip)))
            {
                yield return new Hit(FindingGroup.HostSpecificContent, Verdict.Blocking, $"the source node's address {ip}", number);
            }
            foreach (var mac in identity.MacAddresses.Where(mac => line.Contains(mac, StringComparison.OrdinalIgnoreCase)
                         || line.Contains(mac.Replace(':', '-'), StringComparison.OrdinalIgnoreCase)))
            {
                yield return new Hit(FindingGroup.HostSpecificContent, Verdict.Blocking, $"the source node's MAC address {mac}", number);
            }
            if (PrivateKeyHeader().IsMatch(line))
            {
                yield return new Hit(FindingGroup.Secrets, Verdict.Blocking, "a private key (PEM)", number);
            }
            else if (line.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
            {
                yield return new Hit(FindingGroup.Secrets, Verdict.Warning, "a certificate (PEM)", number);
            }
            if (CredentialAssignment().IsMatch(line))
            {
                yield return new Hit(FindingGroup.Secrets, Verdict.Blocking, "a password or token assignment", number);
            }
        }
    }

    public static bool ContainsPrivateKey(string text) => PrivateKeyHeader().IsMatch(text);

    /// <summary>A whole-word occurrence: not part of a longer name such as "dgx-0012" for "dgx-001".</summary>
    public static bool ContainsWord(string line, string word)
    {
        for (var at = line.IndexOf(word, StringComparison.OrdinalIgnoreCase); at >= 0;
             at = line.IndexOf(word, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var before = at == 0 ? ' ' : line[at - 1];
            var afterIndex = at + word.Length;
            var after = afterIndex >= line.Length ? ' ' : line[afterIndex];
            if (!IsNameChar(before) && !IsNameChar(after))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';

    [GeneratedRegex(@"-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY-----")]
    private static partial Regex PrivateKeyHeader();

    // key = value / key: value with a non-empty value that is not a reference to a file or an environment variable.
    [GeneratedRegex(@"(?i)(^|[^A-Za-z0-9_])(password|passwd|secret|token|api[_-]?key|bearer_token|access[_-]?key)\s*[:=]\s*[""']?(?![""']?\s*$)(?!\$\{|/)[^\s""']{4,}")]
    private static partial Regex CredentialAssignment();
}
