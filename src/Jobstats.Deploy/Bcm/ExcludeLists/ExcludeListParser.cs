namespace Jobstats.Deploy.Bcm.ExcludeLists;

/// <summary>
/// Reads an exclude list the way BCM hands it to rsync, as an `--exclude-from` file: `- PATTERN` excludes,
/// `+ PATTERN` includes, a bare line is an exclude pattern, `!` clears the rules before it, and lines starting with
/// `#` or `;` and blank lines are ignored. BCM's `no-new-files:` prefix moves a rule into the second sub-list of
/// the update and sync-install lists. Anything rsync would misread, or that cannot be a path pattern, is an error
/// naming the line.
/// </summary>
public static class ExcludeListParser
{
    public const int MaxLineLength = 4096;
    public const int MaxRules = 100_000;
    private const string NoNewFilesPrefix = "no-new-files:";

    /// <param name="lineOffset">Added to line numbers, for a list embedded in a larger file.</param>
    public static ExcludeList Parse(ExcludeListKind kind, string text, string source, int lineOffset = 0)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rules = new List<FilterRule>();
        var warnings = new List<string>();
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var lineNumber = index + 1 + lineOffset;
            var line = lines[index].TrimEnd('\r');
            if (line.Length > MaxLineLength)
            {
                throw new ExcludeListFormatException(source, lineNumber, $"line is longer than {MaxLineLength} characters");
            }
            if (line.Contains('\0'))
            {
                throw new ExcludeListFormatException(source, lineNumber, "line contains a NUL byte");
            }
            if (line.Any(c => char.IsControl(c) && c != '\t'))
            {
                throw new ExcludeListFormatException(source, lineNumber, "line contains a control character");
            }
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] is '#' or ';')
            {
                continue;
            }
            if (trimmed.Length != line.Length)
            {
                warnings.Add($"{source}:{lineNumber}: surrounding whitespace removed (rsync would keep it as part of the pattern)");
            }

            var noNewFiles = false;
            if (trimmed.StartsWith(NoNewFilesPrefix, StringComparison.Ordinal))
            {
                if (!kind.HasNoNewFilesSubList())
                {
                    throw new ExcludeListFormatException(source, lineNumber,
                        $"'{NoNewFilesPrefix}' is only meaningful in excludelistupdate and excludelistsyncinstall, not {kind.PropertyName()}");
                }
                noNewFiles = true;
                trimmed = trimmed[NoNewFilesPrefix.Length..].TrimStart();
                if (trimmed.Length == 0)
                {
                    throw new ExcludeListFormatException(source, lineNumber, $"'{NoNewFilesPrefix}' is not followed by a rule");
                }
            }

            if (trimmed == "!")
            {
                rules.RemoveAll(r => r.NoNewFiles == noNewFiles);
                warnings.Add($"{source}:{lineNumber}: '!' clears every rule before it");
                continue;
            }

            FilterAction action;
            string pattern;
            if (trimmed.StartsWith("- ", StringComparison.Ordinal) || trimmed.StartsWith("+ ", StringComparison.Ordinal))
            {
                action = trimmed[0] == '+' ? FilterAction.Include : FilterAction.Exclude;
                pattern = trimmed[2..];
            }
            else if (trimmed is "-" or "+")
            {
                throw new ExcludeListFormatException(source, lineNumber, $"rule '{trimmed}' has no pattern");
            }
            else
            {
                action = FilterAction.Exclude; // --exclude-from: a bare pattern is an exclude rule
                pattern = trimmed;
            }
            if (pattern.Length == 0 || pattern.Trim().Length == 0)
            {
                throw new ExcludeListFormatException(source, lineNumber, "rule has an empty pattern");
            }
            if (rules.Count >= MaxRules)
            {
                throw new ExcludeListFormatException(source, lineNumber, $"more than {MaxRules} rules");
            }
            var compiled = RsyncPattern.Compile(pattern);
            if (compiled.Problem is not null)
            {
                warnings.Add($"{source}:{lineNumber}: {compiled.Problem}");
            }
            rules.Add(new FilterRule(action, compiled, noNewFiles, source, lineNumber, trimmed));
        }
        return new ExcludeList(kind, rules, warnings);
    }
}
