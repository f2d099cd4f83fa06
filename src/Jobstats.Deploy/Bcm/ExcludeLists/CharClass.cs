namespace Jobstats.Deploy.Bcm.ExcludeLists;

/// <summary>A bracket expression of an rsync pattern: `[abc]`, `[!a-z]`, `[^0-9]`, `[[:alpha:]_]`, `[]x]`.</summary>
internal sealed class CharClass
{
    private readonly bool _negated;
    private readonly List<(char Low, char High)> _ranges = [];
    private readonly List<Func<char, bool>> _named = [];

    private CharClass(bool negated) => _negated = negated;

    public bool Matches(char c)
    {
        var hit = _ranges.Any(r => c >= r.Low && c <= r.High) || _named.Any(f => f(c));
        return hit != _negated;
    }

    /// <summary>Parses from the '[' at <paramref name="index"/>; leaves index on the closing ']'.</summary>
    public static CharClass? Parse(string pattern, ref int index, out string? problem)
    {
        problem = null;
        var i = index + 1;
        var negated = i < pattern.Length && (pattern[i] == '!' || pattern[i] == '^');
        if (negated)
        {
            i++;
        }
        var result = new CharClass(negated);
        var first = true;
        char? previous = null;
        while (true)
        {
            if (i >= pattern.Length)
            {
                problem = "unterminated character class '['; rsync never matches this pattern";
                return null;
            }
            var c = pattern[i];
            if (c == ']' && !first)
            {
                break;
            }
            first = false;
            if (c == '\\')
            {
                if (++i >= pattern.Length)
                {
                    problem = "character class ends with a lone backslash; rsync never matches this pattern";
                    return null;
                }
                c = pattern[i];
                result._ranges.Add((c, c));
                previous = c;
            }
            else if (c == '-' && previous is not null && i + 1 < pattern.Length && pattern[i + 1] != ']')
            {
                var high = pattern[++i];
                if (high == '\\')
                {
                    if (++i >= pattern.Length)
                    {
                        problem = "character class ends with a lone backslash; rsync never matches this pattern";
                        return null;
                    }
                    high = pattern[i];
                }
                result._ranges.Add((previous.Value, high));
                previous = null;
            }
            else if (c == '[' && i + 1 < pattern.Length && pattern[i + 1] == ':')
            {
                var end = pattern.IndexOf(":]", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    result._ranges.Add(('[', '['));
                    previous = '[';
                }
                else
                {
                    var name = pattern[(i + 2)..end];
                    var predicate = NamedClass(name);
                    if (predicate is null)
                    {
                        problem = $"unknown character class [:{name}:]; rsync never matches this pattern";
                        return null;
                    }
                    result._named.Add(predicate);
                    i = end + 1;
                    previous = null;
                }
            }
            else
            {
                result._ranges.Add((c, c));
                previous = c;
            }
            i++;
        }
        index = i;
        return result;
    }

    // POSIX classes in the C locale, which is what rsync's isalpha() and friends see for file names.
    private static Func<char, bool>? NamedClass(string name) => name switch
    {
        "alnum" => char.IsAsciiLetterOrDigit,
        "alpha" => char.IsAsciiLetter,
        "blank" => c => c is ' ' or '\t',
        "cntrl" => c => c < 32 || c == 127,
        "digit" => char.IsAsciiDigit,
        "graph" => c => c > 32 && c < 127,
        "lower" => char.IsAsciiLetterLower,
        "print" => c => c >= 32 && c < 127,
        "punct" => c => c > 32 && c < 127 && !char.IsAsciiLetterOrDigit(c),
        "space" => c => c is ' ' or '\t' or '\n' or '\r' or '\f' or '\v',
        "upper" => char.IsAsciiLetterUpper,
        "xdigit" => char.IsAsciiHexDigit,
        _ => null,
    };
}
