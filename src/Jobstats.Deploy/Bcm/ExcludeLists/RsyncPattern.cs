namespace Jobstats.Deploy.Bcm.ExcludeLists;

/// <summary>
/// One rsync include/exclude pattern, compiled the way rsync(1) "INCLUDE/EXCLUDE PATTERN RULES" and rsync's
/// exclude.c/wildmatch.c read it: a leading `/` anchors at the transfer root; a trailing `/` matches directories only;
/// a pattern without an inner `/` and without `**` matches the final path component; one with an inner `/` matches
/// the last (slashes + 1) components unless anchored; a non-anchored pattern with an inner `**` may start after any
/// `/`; `dir/***` matches the directory itself too. `*` and `?` never match `/`, `**` does.
/// </summary>
public sealed class RsyncPattern
{
    private readonly WildcardProgram? _program;
    private readonly string _body;
    private readonly bool _wild;
    private readonly bool _wild2;
    private readonly bool _wild2Prefix;
    private readonly bool _wild3Suffix;
    private readonly int _slashCount;

    private RsyncPattern(string text, string body, bool anchored, bool directoryOnly, bool wild, bool wild2,
        bool wild2Prefix, bool wild3Suffix, int slashCount, WildcardProgram? program, string? problem)
    {
        Text = text;
        _body = body;
        Anchored = anchored;
        DirectoryOnly = directoryOnly;
        _wild = wild;
        _wild2 = wild2;
        _wild2Prefix = wild2Prefix;
        _wild3Suffix = wild3Suffix;
        _slashCount = slashCount;
        _program = program;
        Problem = problem;
    }

    /// <summary>The pattern as written in the list.</summary>
    public string Text { get; }

    public bool Anchored { get; }

    public bool DirectoryOnly { get; }

    /// <summary>Why rsync would never match this pattern (an unterminated class, say), or null.</summary>
    public string? Problem { get; }

    public static RsyncPattern Compile(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pattern = text;
        var wild = pattern.AsSpan().IndexOfAny("*[?") >= 0;
        var wild2 = false;
        var wild2Prefix = false;
        var wild3Suffix = false;
        if (wild)
        {
            var doubleStar = pattern.IndexOf("**", StringComparison.Ordinal);
            if (doubleStar >= 0)
            {
                wild2 = true;
                wild2Prefix = doubleStar == 0;
                wild3Suffix = pattern.EndsWith("***", StringComparison.Ordinal);
            }
        }
        var directoryOnly = false;
        if (pattern.Length > 1 && pattern[^1] == '/')
        {
            pattern = pattern[..^1];
            directoryOnly = true;
        }
        var slashCount = pattern.Count(c => c == '/');
        var anchored = pattern.StartsWith('/');
        var body = anchored ? pattern[1..] : pattern;
        WildcardProgram? program = null;
        string? problem = null;
        if (wild)
        {
            program = WildcardProgram.Compile(body, out problem);
        }
        return new RsyncPattern(text, body, anchored, directoryOnly, wild, wild2, wild2Prefix, wild3Suffix,
            slashCount, program, problem);
    }

    /// <summary>Does this pattern match <paramref name="relativePath"/> (relative to the transfer root)?</summary>
    public bool Matches(string relativePath, bool isDirectory)
    {
        var name = relativePath.StartsWith('/') ? relativePath[1..] : relativePath;
        if (name.Length == 0)
        {
            return false;
        }
        var prefix = "";
        if (_slashCount == 0 && !_wild2)
        {
            var lastSlash = name.LastIndexOf('/');
            if (lastSlash >= 0)
            {
                name = name[(lastSlash + 1)..];
            }
        }
        else if (_wild2Prefix)
        {
            prefix = "/"; // lets a leading "**/" match at the very top
        }
        var suffix = "";
        if (isDirectory)
        {
            if (_wild3Suffix)
            {
                suffix = "/"; // lets "dir/***" match "dir" itself
            }
        }
        else if (DirectoryOnly)
        {
            return false;
        }

        if (!_wild)
        {
            if (Anchored)
            {
                return string.Equals(name, _body, StringComparison.Ordinal);
            }
            return name.Length >= _body.Length
                && name.EndsWith(_body, StringComparison.Ordinal)
                && (name.Length == _body.Length || name[name.Length - _body.Length - 1] == '/');
        }
        if (_program is null)
        {
            return false;
        }

        var text = prefix + name + suffix;
        if (!Anchored && _slashCount > 0 && !_wild2)
        {
            var start = StartOfTrailingElements(text, _slashCount + 1);
            return start >= 0 && _program.MatchesWhole(text, start);
        }
        if (!Anchored && !_wild2Prefix && _wild2)
        {
            if (_program.MatchesWhole(text, 0))
            {
                return true;
            }
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == '/' && _program.MatchesWhole(text, i + 1))
                {
                    return true;
                }
            }
            return false;
        }
        return _program.MatchesWhole(text, 0);
    }

    /// <summary>Start index of the last <paramref name="count"/> '/'-separated elements, or -1 if there are fewer.</summary>
    private static int StartOfTrailingElements(string text, int count)
    {
        for (var i = text.Length - 1; i >= 0; i--)
        {
            if (text[i] == '/' && --count == 0)
            {
                return i + 1;
            }
        }
        return count == 1 ? 0 : -1;
    }

    public override string ToString() => Text;
}
