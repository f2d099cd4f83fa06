using System.Diagnostics;
using System.Net.Sockets;
using Jobstats.Testing;

namespace Jobstats.Exporter.Tests.Support;

/// <summary>The published jobstats-exporter running on a free loopback port; killed on dispose.</summary>
public sealed class ExporterProcess : IDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _stderr = new();

    public ExporterProcess(IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        Port = FreePort.Next();
        var info = new ProcessStartInfo(Repository.PublishedProgram("jobstats-exporter"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("--listen-address");
        info.ArgumentList.Add($"127.0.0.1:{Port}");
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        if (environment is not null)
            foreach (var (key, value) in environment) info.Environment[key] = value;
        _process = Process.Start(info)!;
        _process.ErrorDataReceived += (_, e) => { lock (_stderr) _stderr.AppendLine(e.Data); };
        _process.BeginErrorReadLine();
        WaitUntilListening();
    }

    public int Port { get; }
    public int Pid => _process.Id;
    public HttpClient Client { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public string Stderr
    {
        get { lock (_stderr) return _stderr.ToString(); }
    }

    /// <summary>Sends SIGTERM (as systemd does) or another signal, and returns the exit code.</summary>
    public int Terminate(string signal = "TERM")
    {
        RealProcess.Run("kill", [$"-{signal}", Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Assert.True(_process.WaitForExit(10_000), $"exporter did not stop on SIG{signal}");
        _process.WaitForExit(); // also drains the redirected stderr
        return _process.ExitCode;
    }

    public string Scrape() => Client.GetStringAsync($"http://127.0.0.1:{Port}/metrics").GetAwaiter().GetResult();

    private void WaitUntilListening()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"exporter exited with {_process.ExitCode}: {Stderr}");
            try
            {
                using var probe = new TcpClient("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }
        throw new TimeoutException("exporter did not start listening: " + Stderr);
    }

    public void Dispose()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
    }
}
