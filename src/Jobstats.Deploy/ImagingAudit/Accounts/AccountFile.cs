namespace Jobstats.Deploy.ImagingAudit.Accounts;

/// <summary>
/// A parsed /etc/passwd or /etc/group. Bad lines do not stop the audit: they are skipped and reported with their
/// line number, because the audit's job is to tell the admin what is wrong, including in these files.
/// </summary>
internal sealed class AccountFile
{
    public const int MaxLineLength = 8192;

    private AccountFile(IReadOnlyDictionary<string, AccountEntry> entries, IReadOnlyList<string> problems)
    {
        Entries = entries;
        Problems = problems;
    }

    public IReadOnlyDictionary<string, AccountEntry> Entries { get; }

    public IReadOnlyList<string> Problems { get; }

    public static AccountFile Empty { get; } = new(new Dictionary<string, AccountEntry>(), []);

    /// <summary>passwd: name:password:UID:GID:gecos:home:shell (7 fields).</summary>
    public static AccountFile ParsePasswd(string text, string source) => Parse(text, source, expectedFields: 7, hasPrimaryGroup: true);

    /// <summary>group: name:password:GID:members (4 fields).</summary>
    public static AccountFile ParseGroup(string text, string source) => Parse(text, source, expectedFields: 4, hasPrimaryGroup: false);

    private static AccountFile Parse(string text, string source, int expectedFields, bool hasPrimaryGroup)
    {
        var entries = new Dictionary<string, AccountEntry>(StringComparer.Ordinal);
        var problems = new List<string>();
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var lineNumber = index + 1;
            var line = lines[index].TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            if (line.Length > MaxLineLength || line.Contains('\0'))
            {
                problems.Add($"{source}:{lineNumber}: line is too long or contains a NUL byte; skipped");
                continue;
            }
            if (line[0] is '+' or '-')
            {
                continue; // NIS compat entries name no local account
            }
            var fields = line.Split(':');
            if (fields.Length != expectedFields)
            {
                problems.Add($"{source}:{lineNumber}: expected {expectedFields} ':'-separated fields, found {fields.Length}; skipped");
                continue;
            }
            var name = fields[0];
            if (name.Length == 0 || name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            {
                problems.Add($"{source}:{lineNumber}: invalid name '{Printable(name)}'; skipped");
                continue;
            }
            if (!TryId(fields[2], out var id))
            {
                problems.Add($"{source}:{lineNumber}: '{Printable(fields[2])}' is not a numeric id; skipped");
                continue;
            }
            long? primaryGroup = null;
            if (hasPrimaryGroup)
            {
                if (!TryId(fields[3], out var gid))
                {
                    problems.Add($"{source}:{lineNumber}: '{Printable(fields[3])}' is not a numeric group id; skipped");
                    continue;
                }
                primaryGroup = gid;
            }
            if (entries.ContainsKey(name))
            {
                problems.Add($"{source}:{lineNumber}: '{name}' is defined again; the first definition wins");
                continue;
            }
            entries[name] = new AccountEntry(name, id, primaryGroup, lineNumber);
        }
        return new AccountFile(entries, problems);
    }

    private static bool TryId(string text, out long id) =>
        long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out id)
        && id <= uint.MaxValue;

    private static string Printable(string text) =>
        new(text.Take(64).Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
