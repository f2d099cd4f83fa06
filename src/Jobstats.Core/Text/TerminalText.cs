using System.Buffers;
using System.Globalization;
using System.Text;

namespace Jobstats.Core.Text;

/// <summary>
/// Makes data from Slurm, Prometheus or a stored summary safe to print on a terminal. Job names, users, node names
/// and labels are chosen by whoever submits a job or runs an exporter; printed raw, an escape sequence in one could
/// retitle or clear the terminal of the administrator reading the report, and a CR or LF could forge report lines.
/// Every such character is shown as a visible escape (<c>\x1b</c>, <c>\r</c>, <c>\u202e</c>) instead. Text without
/// any comes back as the same instance, so ordinary reports pay one vectorised scan per field.
/// </summary>
public static class TerminalText
{
    // C0 controls and DEL; C1 controls (0x9B is a one-byte CSI for terminals that honour 8-bit controls); the
    // bidirectional formatting characters, which reorder what follows them on screen ("Trojan Source"); and the
    // Unicode line and paragraph separators, which some terminals and pagers treat as line breaks.
    private const string Separators = "\u2028\u2029";
    private const string Bidi = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069";

    private static readonly SearchValues<char> Unsafe = SearchValues.Create(Controls(keepLineBreaks: false) + Bidi + Separators);
    private static readonly SearchValues<char> UnsafeInBlock = SearchValues.Create(Controls(keepLineBreaks: true) + Bidi + Separators);

    /// <summary>One-line data (a name, a label, a message): every unsafe character escaped, line breaks included.</summary>
    public static string Escape(string text) => Escape(text, Unsafe);

    /// <summary>A block of lines (a batch script): line feeds and tabs stay, every other unsafe character is escaped.</summary>
    public static string EscapeBlock(string text) => Escape(text, UnsafeInBlock);

    private static string Escape(string text, SearchValues<char> unsafeChars)
    {
        int first = text.AsSpan().IndexOfAny(unsafeChars);
        if (first < 0) return text;
        var builder = new StringBuilder(text.Length + 16).Append(text, 0, first);
        foreach (char c in text.AsSpan(first))
        {
            if (!unsafeChars.Contains(c)) builder.Append(c);
            else if (c == '\n') builder.Append("\\n");
            else if (c == '\r') builder.Append("\\r");
            else if (c == '\t') builder.Append("\\t");
            else if (c <= 0xFF) builder.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
            else builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
        }
        return builder.ToString();
    }

    private static string Controls(bool keepLineBreaks)
    {
        var chars = new StringBuilder();
        for (char c = '\0'; c <= '\x9f'; c++)
            if ((c < 0x20 || c >= 0x7f) && !(keepLineBreaks && c is '\n' or '\t')) chars.Append(c);
        return chars.ToString();
    }
}
