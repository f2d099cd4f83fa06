using System.Net.Sockets;
using System.Text;

namespace Jobstats.Hosting;

/// <summary>Sends lines to the local syslog socket (/dev/log); silently does nothing where there is none.</summary>
public sealed class Syslog : IDisposable
{
    private const int UserFacility = 1;
    private readonly string _tag;
    private Socket? _socket;

    public Syslog(string tag, string path = "/dev/log")
    {
        _tag = tag;
        try
        {
            if (!File.Exists(path)) return;
            var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint(path));
            _socket = socket;
        }
        catch (SocketException) { _socket = null; }
    }

    public bool Connected => _socket is not null;

    public void Info(string message) => Send(6, message);

    public void Error(string message) => Send(3, message);

    private void Send(int severity, string message)
    {
        if (_socket is null) return;
        string line = $"<{UserFacility * 8 + severity}>{_tag}[{Environment.ProcessId}]: {message.ReplaceLineEndings(" ")}";
        try { _socket.Send(Encoding.UTF8.GetBytes(line)); }
        catch (SocketException) { }
    }

    public void Dispose() => _socket?.Dispose();
}
