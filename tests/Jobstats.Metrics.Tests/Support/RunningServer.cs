using System.Net;
using System.Net.Sockets;
using System.Text;
using Jobstats.Metrics.Exposition;
using Jobstats.Metrics.Http;

namespace Jobstats.Metrics.Tests.Support;

/// <summary>A <see cref="MetricsServer"/> on a free loopback port, served in this process until disposed.</summary>
internal sealed class RunningServer : IDisposable
{
    private readonly MetricsServer _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;

    public RunningServer(Func<ScrapeBuffer> scrape, string name = "test-program")
    {
        _server = new MetricsServer(name, scrape, Log);
        Port = _server.Start(IPAddress.Loopback, 0).Port;
        _serving = _server.RunAsync(_stop.Token);
    }

    public int Port { get; }
    public RecordingLog Log { get; } = new();

    /// <summary>Sends <paramref name="request"/> as it is and returns the whole reply, read until the server closes.</summary>
    public async Task<string> SendAsync(string request, CancellationToken cancel)
    {
        using var client = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(IPAddress.Loopback, Port, cancel);
        await client.SendAsync(Encoding.Latin1.GetBytes(request), cancel);
        using var stream = new NetworkStream(client);
        return await new StreamReader(stream, Encoding.UTF8).ReadToEndAsync(cancel);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _serving.Wait(TimeSpan.FromSeconds(10));
        _server.Dispose();
        _stop.Dispose();
    }
}
