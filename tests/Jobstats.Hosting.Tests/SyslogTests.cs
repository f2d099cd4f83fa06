using System.Net.Sockets;
using System.Text;
using Jobstats.Hosting;

namespace Jobstats.Hosting.Tests;

public class SyslogTests
{
    [Fact]
    public void Sends_one_rfc3164_style_datagram_per_message()
    {
        string dir = Directory.CreateTempSubdirectory("jobstats-syslog-").FullName;
        try
        {
            string path = Path.Combine(dir, "log");
            using var server = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            server.Bind(new UnixDomainSocketEndPoint(path));
            using (var syslog = new Syslog("jobstats-store", path))
            {
                Assert.True(syslog.Connected);
                syslog.Error("job 42: failed\nsecond line");
            }
            var buffer = new byte[4096];
            server.ReceiveTimeout = 5000;
            int n = server.Receive(buffer);
            string line = Encoding.UTF8.GetString(buffer, 0, n);
            Assert.Equal($"<11>jobstats-store[{Environment.ProcessId}]: job 42: failed second line", line);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void Without_a_syslog_socket_it_stays_silent()
    {
        using var syslog = new Syslog("jobstats", "/nonexistent/dev/log");
        Assert.False(syslog.Connected);
        syslog.Info("nobody listens");
    }
}
