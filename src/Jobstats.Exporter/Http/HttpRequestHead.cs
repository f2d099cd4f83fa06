using System.Text;

namespace Jobstats.Exporter.Http;

/// <summary>The request line and the one header we care about (Accept), parsed from raw HTTP/1.x bytes.</summary>
public sealed record HttpRequestHead(string Method, string Path, string? Accept)
{
    /// <summary>Null when the bytes are not a well-formed HTTP/1.x request head.</summary>
    public static HttpRequestHead? Parse(ReadOnlySpan<byte> head)
    {
        var text = Encoding.ASCII.GetString(head);
        var lines = text.Split("\r\n");
        var requestLine = lines[0].Split(' ');
        if (requestLine.Length != 3 || requestLine[2] is not ("HTTP/1.0" or "HTTP/1.1") || !requestLine[1].StartsWith('/')
            || requestLine[0].Length == 0 || !requestLine[0].All(char.IsAsciiLetterUpper) || requestLine[1].Any(char.IsControl))
            return null;
        string? accept = null;
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon > 0 && line[..colon].Trim().Equals("Accept", StringComparison.OrdinalIgnoreCase))
                accept = line[(colon + 1)..].Trim();
        }
        var path = requestLine[1];
        var query = path.IndexOf('?');
        return new HttpRequestHead(requestLine[0], query < 0 ? path : path[..query], accept);
    }
}
