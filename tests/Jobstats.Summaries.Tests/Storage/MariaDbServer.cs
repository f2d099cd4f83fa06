using Jobstats.Summaries.Storage;
using Jobstats.Testing;
using MySqlConnector;

namespace Jobstats.Summaries.Tests.Storage;

/// <summary>
/// A throwaway MariaDB server for the store tests: a fresh data directory, TCP on a free loopback port and a socket,
/// and a <c>jobstats</c> account with a password on a <c>jobstats</c> database. Started once for the collection,
/// killed and removed in <see cref="DisposeAsync"/>. Missing MariaDB binaries fail the tests: CI installs them
/// (scripts/install-deps), and a skipped store test would pass a broken store.
/// </summary>
public sealed class MariaDbServer : IAsyncLifetime
{
    public const string Daemon = "/usr/sbin/mariadbd";
    public const string User = "jobstats";
    public const string Database = "jobstats";

    /// <summary>Distinctive, so a test can prove no message ever contains it.</summary>
    public const string Password = "Pw-7c1d3f9e-not-in-any-message";

    private readonly TempDirectory _work = new("jobstats-mariadb-");
    public string WorkDir => _work.Path;
    public int Port { get; private set; }
    private string DataDir => Path.Combine(WorkDir, "data");

    // In the data directory because mariadbd, running as mysql when the tests run as root, must create it there.
    public string Socket => Path.Combine(DataDir, "mysqld.sock");
    private string ErrorLog => Path.Combine(DataDir, "error.log");

    private static bool IsRoot => Environment.UserName == "root";
    private ServerProcess? _server;
    private int _optionFiles;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Daemon))
            throw new InvalidOperationException($"{Daemon} not found: install mariadb-server (scripts/install-deps)");
        // mariadbd drops to the mysql user when started as root and must then reach its data directory below ours.
        File.SetUnixFileMode(WorkDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        string[] owner = IsRoot ? ["--user=mysql"] : [];
        (await RealProcess.RunAsync("mariadb-install-db",
            ["--no-defaults", .. owner, $"--datadir={DataDir}", "--skip-test-db"])).EnsureSuccess();

        Port = FreePort.Next();
        _server = ServerProcess.Start(Daemon, ["--no-defaults", .. owner, $"--datadir={DataDir}", $"--socket={Socket}",
            $"--port={Port}", "--bind-address=127.0.0.1", $"--log-error={ErrorLog}", "--skip-name-resolve",
            "--innodb-buffer-pool-size=32M"]);
        await WaitUntilReadyAsync();

        // The account the store uses, with a password, reachable over TCP and over the socket.
        await RootSqlAsync($"""
            CREATE DATABASE {Database};
            CREATE USER '{User}'@'127.0.0.1' IDENTIFIED BY '{Password}';
            CREATE USER '{User}'@'localhost' IDENTIFIED BY '{Password}';
            GRANT ALL ON {Database}.* TO '{User}'@'127.0.0.1';
            GRANT ALL ON {Database}.* TO '{User}'@'localhost';
            """);
    }

    /// <summary>Runs SQL as the server's administrator (socket authentication) and returns its tab-separated output.</summary>
    public async Task<string> RootSqlAsync(string sql)
    {
        var result = await RealProcess.RunAsync("mariadb",
            ["--no-defaults", $"--socket={Socket}", $"--user={Environment.UserName}", "--batch", "--skip-column-names"], stdin: sql);
        return result.EnsureSuccess().StandardOutput;
    }

    /// <summary>Writes an option file (mode 0600) with <paramref name="body"/> and loads it as the store would.</summary>
    public MySqlOptionFile OptionFile(string body)
    {
        string path = Path.Combine(WorkDir, $"client-{Interlocked.Increment(ref _optionFiles)}.cnf");
        File.WriteAllText(path, body);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return MySqlOptionFile.Load(path);
    }

    /// <summary>An account over TCP, as most sites configure it: ours unless told otherwise.</summary>
    public MySqlOptionFile TcpOptions(string user = User, string password = Password, string database = Database, int? port = null) =>
        OptionFile($"""
            [client]
            host = 127.0.0.1
            port = {port ?? Port}
            user = {user}
            password = "{password}"
            database = {database}
            """);

    /// <summary>A direct connection for checking what the store wrote.</summary>
    public async Task<MySqlConnection> ConnectAsync()
    {
        var connection = new MySqlConnection(new MySqlConnectionStringBuilder
        {
            Server = "127.0.0.1", Port = (uint)Port, UserID = User, Password = Password, Database = Database,
        }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        _work.Dispose();
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_server!.HasExited)
                throw new InvalidOperationException($"mariadbd exited with code {_server.ExitCode}:\n{ReadErrorLog()}");
            var ping = await RealProcess.RunAsync("mariadb-admin",
                ["--no-defaults", $"--socket={Socket}", $"--user={Environment.UserName}", "ping"]);
            if (ping.Succeeded) return;
            await Task.Delay(200);
        }
        throw new TimeoutException($"mariadbd did not answer within 60 s:\n{ReadErrorLog()}");
    }

    private string ReadErrorLog() => File.Exists(ErrorLog) ? File.ReadAllText(ErrorLog) : "(no error log)";
}
