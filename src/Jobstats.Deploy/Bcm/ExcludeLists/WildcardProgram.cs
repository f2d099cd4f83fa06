namespace Jobstats.Deploy.Bcm.ExcludeLists;

/// <summary>
/// rsync's wildmatch as a token list matched by dynamic programming, so hostile patterns such as
/// `*a*a*a*a*a*b` cost time proportional to pattern × path, never exponential backtracking.
/// </summary>
internal sealed class WildcardProgram
{
    private enum TokenKind { Literal, AnyOne, Star, DoubleStar, Class }

    private readonly record struct Token(TokenKind Kind, char Literal, CharClass? Class);

    private readonly Token[] _tokens;

    private readonly string _literalPrefix;

    private WildcardProgram(Token[] tokens)
    {
        _tokens = tokens;
        _literalPrefix = new string(tokens.TakeWhile(t => t.Kind == TokenKind.Literal).Select(t => t.Literal).ToArray());
    }

    /// <summary>Compiles <paramref name="pattern"/>; returns null (never matches, as in rsync) with a reason when malformed.</summary>
    public static WildcardProgram? Compile(string pattern, out string? problem)
    {
        problem = null;
        var tokens = new List<Token>();
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '\\':
                    if (i + 1 >= pattern.Length)
                    {
                        problem = "pattern ends with a lone backslash; rsync never matches it";
                        return null;
                    }
                    tokens.Add(new Token(TokenKind.Literal, pattern[++i], null));
                    break;
                case '?':
                    tokens.Add(new Token(TokenKind.AnyOne, '\0', null));
                    break;
                case '*':
                    if (i + 1 < pattern.Length && pattern[i + 1] == '*')
                    {
                        while (i + 1 < pattern.Length && pattern[i + 1] == '*')
                        {
                            i++;
                        }
                        tokens.Add(new Token(TokenKind.DoubleStar, '\0', null));
                    }
                    else
                    {
                        tokens.Add(new Token(TokenKind.Star, '\0', null));
                    }
                    break;
                case '[':
                    var characterClass = CharClass.Parse(pattern, ref i, out problem);
                    if (characterClass is null)
                    {
                        return null;
                    }
                    tokens.Add(new Token(TokenKind.Class, '\0', characterClass));
                    break;
                default:
                    tokens.Add(new Token(TokenKind.Literal, c, null));
                    break;
            }
        }
        return new WildcardProgram([.. tokens]);
    }

    /// <summary>True when the tokens match all of <paramref name="text"/> from <paramref name="start"/> to its end.</summary>
    public bool MatchesWhole(string text, int start)
    {
        var length = text.Length - start;
        // Most exclude rules begin with a literal directory ("/proc/*", "/cm/shared/*"): reject cheaply on it.
        if (length < _literalPrefix.Length || !text.AsSpan(start, _literalPrefix.Length).SequenceEqual(_literalPrefix))
        {
            return false;
        }
        // next[t] = do tokens[k+1..] match text[start+t..]; computed from the last token backwards.
        Span<bool> next = length < 256 ? stackalloc bool[length + 1] : new bool[length + 1];
        Span<bool> current = length < 256 ? stackalloc bool[length + 1] : new bool[length + 1];
        next[length] = true;
        for (var k = _tokens.Length - 1; k >= 0; k--)
        {
            var token = _tokens[k];
            switch (token.Kind)
            {
                case TokenKind.Star:
                case TokenKind.DoubleStar:
                    current[length] = next[length];
                    for (var t = length - 1; t >= 0; t--)
                    {
                        var c = text[start + t];
                        var canExtend = token.Kind == TokenKind.DoubleStar || c != '/';
                        current[t] = next[t] || (canExtend && current[t + 1]);
                    }
                    break;
                default:
                    current[length] = false;
                    for (var t = 0; t < length; t++)
                    {
                        current[t] = MatchesOne(token, text[start + t]) && next[t + 1];
                    }
                    break;
            }
            var swap = next;
            next = current;
            current = swap;
        }
        return next[0];
    }

    private static bool MatchesOne(Token token, char c) => token.Kind switch
    {
        TokenKind.Literal => c == token.Literal,
        TokenKind.AnyOne => c != '/',
        TokenKind.Class => c != '/' && token.Class!.Matches(c),
        _ => false,
    };
}
