using System.Text;

namespace Jobstats.Core.Text;

/// <summary>
/// Greedy line wrapping with the semantics of Python's <c>textwrap.TextWrapper</c> (whitespace chunking, long words
/// broken, whitespace dropped at line ends, break_on_hyphens off), so notes wrap exactly as users are used to.
/// </summary>
internal sealed class TextWrapper
{
    public int Width { get; init; } = 70;
    public string InitialIndent { get; init; } = "";
    public string SubsequentIndent { get; init; } = "";

    public IReadOnlyList<string> Wrap(string text)
    {
        if (Width <= 0) throw new ArgumentOutOfRangeException(nameof(Width), "width must be positive");
        var chunks = Split(Normalize(text));
        chunks.Reverse();
        var lines = new List<string>();
        while (chunks.Count > 0)
        {
            var line = new List<string>();
            int length = 0;
            string indent = lines.Count > 0 ? SubsequentIndent : InitialIndent;
            int width = Width - indent.Length;
            if (IsBlank(chunks[^1]) && lines.Count > 0) chunks.RemoveAt(chunks.Count - 1);

            while (chunks.Count > 0)
            {
                int chunkLength = chunks[^1].Length;
                if (length + chunkLength > width) break;
                line.Add(chunks[^1]);
                chunks.RemoveAt(chunks.Count - 1);
                length += chunkLength;
            }

            if (chunks.Count > 0 && chunks[^1].Length > width)
            {
                int spaceLeft = width < 1 ? 1 : width - length;
                string chunk = chunks[^1];
                line.Add(chunk[..spaceLeft]);
                chunks[^1] = chunk[spaceLeft..];
            }

            if (line.Count > 0 && IsBlank(line[^1])) line.RemoveAt(line.Count - 1);
            if (line.Count > 0) lines.Add(indent + string.Concat(line));
        }
        return lines;
    }

    public string Fill(string text) => string.Join("\n", Wrap(text));

    private static bool IsBlank(string chunk) => chunk.Trim().Length == 0;

    // Tabs expand to 8-column stops and every other whitespace character becomes one space, as in textwrap.
    private static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        int column = 0;
        foreach (char c in text)
        {
            if (c == '\t')
            {
                int pad = 8 - column % 8;
                builder.Append(' ', pad);
                column += pad;
            }
            else if (c is '\n' or '\r' or '\v' or '\f')
            {
                builder.Append(' ');
                column = c is '\n' or '\r' ? 0 : column + 1;
            }
            else
            {
                builder.Append(c);
                column++;
            }
        }
        return builder.ToString();
    }

    private static List<string> Split(string text)
    {
        var chunks = new List<string>();
        int i = 0;
        while (i < text.Length)
        {
            bool blank = char.IsWhiteSpace(text[i]);
            int start = i;
            while (i < text.Length && char.IsWhiteSpace(text[i]) == blank) i++;
            chunks.Add(text[start..i]);
        }
        return chunks;
    }
}
