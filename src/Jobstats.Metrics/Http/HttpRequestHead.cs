using System.Text;

namespace Jobstats.Metrics.Http;

/// <summary>The request line and the headers we care about (Accept, Authorization), parsed from raw HTTP/1.x bytes.</summary>
internal sealed record HttpRequestHead(string Method, string Path, string? Accept, string? Authorization = null)
{
    /// <summary>An HTTP/1.0 client does not know chunked transfer coding: a body of unknown length ends with the connection.</summary>
    public bool Http10 { get; init; }

    /// <summary>
    /// Where the head ends: the index of the line break followed by an empty line, or -1 while incomplete. A bare LF
    /// counts as a line break (RFC 9112 §2.2 lets a recipient accept it; hand-written clients and probes send it),
    /// so such a request is answered at once rather than waiting out the deadline for a CRLF that never comes.
    /// </summary>
    public static int EndOf(ReadOnlySpan<byte> bytes)
    {
        var crlf = bytes.IndexOf("\n\r\n"u8);
        var lf = bytes.IndexOf("\n\n"u8);
        return crlf < 0 ? lf : lf < 0 ? crlf : Math.Min(crlf, lf);
    }

    /// <summary>Null when the bytes are not a well-formed HTTP/1.x request head.</summary>
    public static HttpRequestHead? Parse(ReadOnlySpan<byte> head)
    {
        var text = Encoding.ASCII.GetString(head);
        var lines = text.Split('\n').Select(line => line.TrimEnd('\r')).ToArray();
        var requestLine = lines[0].Split(' ');
        if (requestLine.Length != 3 || requestLine[2] is not ("HTTP/1.0" or "HTTP/1.1") || !requestLine[1].StartsWith('/')
            || requestLine[0].Length == 0 || !requestLine[0].All(char.IsAsciiLetterUpper) || requestLine[1].Any(char.IsControl))
            return null;
        string? accept = null, authorization = null;
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0) continue;
            var field = line[..colon].Trim();
            if (field.Equals("Accept", StringComparison.OrdinalIgnoreCase)) accept = line[(colon + 1)..].Trim();
            else if (field.Equals("Authorization", StringComparison.OrdinalIgnoreCase)) authorization = line[(colon + 1)..].Trim();
        }
        var path = requestLine[1];
        var query = path.IndexOf('?');
        return new HttpRequestHead(requestLine[0], query < 0 ? path : path[..query], accept, authorization)
        {
            Http10 = requestLine[2] == "HTTP/1.0",
        };
    }
}
