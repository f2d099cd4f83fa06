using System.Net;
using System.Net.Sockets;

namespace Jobstats.Testing;

/// <summary>
/// A loopback TCP port nobody listens on: the kernel picks one for a listener on port 0, which is then released for the
/// server under test. Another process could take it in between; on a test machine that race is rare enough.
/// </summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
