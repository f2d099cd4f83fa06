using System.Globalization;
using System.Net;

namespace Jobstats.Metrics.Http;

/// <summary>Parses "host:port", "[v6]:port" or ":port" (all interfaces), the node_exporter spelling.</summary>
public static class ListenAddress
{
    /// <summary>
    /// On success <paramref name="address"/> is null for ":port" (every interface, as <see cref="MetricsServer.Start"/>
    /// takes it); on failure <paramref name="error"/> says what is wrong, naming the text.
    /// </summary>
    public static bool TryParse(string text, out IPAddress? address, out int port, out string error)
    {
        address = null;
        port = 0;
        error = "";
        var colon = text.LastIndexOf(':');
        if (colon < 0)
        {
            error = $"listen address '{text}' has no port (expected HOST:PORT or :PORT)";
            return false;
        }
        var host = text[..colon];
        if (!int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535)
        {
            error = $"listen address '{text}' has an invalid port";
            return false;
        }
        if (host.Length == 0) return true;
        if (host.StartsWith('[') && host.EndsWith(']')) host = host[1..^1];
        if (host == "localhost") host = "127.0.0.1";
        if (!IPAddress.TryParse(host, out address))
        {
            error = $"listen address '{text}': '{host}' is not an IP address";
            return false;
        }
        return true;
    }
}
