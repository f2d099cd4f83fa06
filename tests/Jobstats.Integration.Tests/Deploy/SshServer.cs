using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Jobstats.Testing;

namespace Jobstats.Integration.Tests.Deploy;

/// <summary>
/// A real OpenSSH server (Debian's /usr/sbin/sshd) on a free loopback port, with its own host key, a client key in
/// its authorized keys and a known_hosts file for the client, all in a temp dir that Dispose removes.
/// </summary>
public sealed class SshServer : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    public SshServer()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("jobstats-sshd-").FullName;
        Port = FreePort.Next();
        KeyGen("host_key");
        KeyGen("client_key");
        File.Copy(Path.Combine(Directory, "client_key.pub"), Path.Combine(Directory, "authorized_keys"));
        File.WriteAllText(KnownHostsFile, $"[127.0.0.1]:{Port} {File.ReadAllText(Path.Combine(Directory, "host_key.pub")).Trim()}\n");
        var config = Path.Combine(Directory, "sshd_config");
        File.WriteAllText(config, $"""
            Port {Port}
            ListenAddress 127.0.0.1
            HostKey {Directory}/host_key
            AuthorizedKeysFile {Directory}/authorized_keys
            PidFile {Directory}/sshd.pid
            PermitRootLogin prohibit-password
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            UsePAM no
            StrictModes no
            LogLevel INFO
            MaxSessions 64
            MaxStartups 64
            """);
        System.IO.Directory.CreateDirectory("/run/sshd"); // privilege separation directory sshd insists on
        var sshd = "/usr/sbin/sshd";
        Assert.True(File.Exists(sshd), "openssh-server is not installed (scripts/install-deps installs it)");
        _process = new Process { StartInfo = new ProcessStartInfo(sshd) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false } };
        foreach (var a in new[] { "-D", "-e", "-f", config }) _process.StartInfo.ArgumentList.Add(a);
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_log) _log.AppendLine(e.Data); };
        _process.Start();
        _process.BeginErrorReadLine();
        WaitForPort();
    }

    public string Directory { get; }
    public int Port { get; }
    public string IdentityFile => Path.Combine(Directory, "client_key");
    public string KnownHostsFile => Path.Combine(Directory, "known_hosts");

    public string Log { get { lock (_log) return _log.ToString(); } }

    /// <summary>Successful logins so far: each is one TCP connection and key exchange.</summary>
    public int Logins => Log.Split('\n').Count(l => l.Contains("Accepted publickey", StringComparison.Ordinal));

    private void KeyGen(string name)
    {
        RealProcess.Run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", Path.Combine(Directory, name)]).EnsureSuccess();
    }

    private void WaitForPort()
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                if (_process.HasExited) break;
                Thread.Sleep(50);
            }
        }
        throw new InvalidOperationException($"sshd did not start: {Log}");
    }

    public void Dispose()
    {
        try { if (!_process.HasExited) { _process.Kill(entireProcessTree: true); _process.WaitForExit(5000); } } catch (InvalidOperationException) { }
        _process.Dispose();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
