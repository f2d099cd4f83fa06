namespace Jobstats.Deploy.Engine;

/// <summary>
/// One host's log file, <c>DIR/HOST.log</c>, appended to by apply and uninstall alike so a host's history reads in
/// one place; without a directory it writes nothing. Safe to call from the tasks of one host.
/// </summary>
internal sealed class HostLog : IAsyncDisposable
{
    private readonly StreamWriter? _writer;
    private readonly Lock _gate = new();

    private HostLog(string? file)
    {
        File = file;
        _writer = file is null ? null : new StreamWriter(file, append: true) { AutoFlush = true };
    }

    /// <summary>The file written, or null when no log directory was given.</summary>
    public string? File { get; }

    /// <summary>Creates the log directory before any host is touched, so a directory we cannot write stops the run early.</summary>
    public static void PrepareDirectory(string? directory)
    {
        if (directory is not null) Directory.CreateDirectory(directory);
    }

    public static HostLog Open(string? directory, string host) =>
        new(directory is null ? null : Path.Combine(directory, $"{host}.log"));

    public void Write(string line)
    {
        if (_writer is null) return;
        lock (_gate) _writer.WriteLine($"{DateTime.UtcNow:O} {line}");
    }

    public ValueTask DisposeAsync() => _writer?.DisposeAsync() ?? ValueTask.CompletedTask;
}
