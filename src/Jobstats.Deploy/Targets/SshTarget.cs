using System.Globalization;
using System.Text;
using Jobstats.Deploy.Inventories;
using Jobstats.Processes;

namespace Jobstats.Deploy.Targets;

/// <summary>
/// A live host reached through the OpenSSH client. One master connection per host (ControlMaster) carries every
/// operation, so each step costs a channel, not a handshake. Remote work is small POSIX sh scripts whose data
/// arrives as quoted positional arguments or on stdin, never spliced into the script text.
/// </summary>
internal sealed class SshTarget : IHostTarget
{
    private readonly SshSettings _settings;
    private readonly IProcessRunner _runner;
    private readonly string _root;
    private readonly string _controlDir;
    private bool? _systemd;

    public SshTarget(string host, SshSettings settings, string root, bool manageServices, IProcessRunner runner)
    {
        if (!HostNames.IsValid(host)) throw new ArgumentException($"refusing to ssh to '{host}': not a valid host name");
        Host = host;
        _settings = settings;
        _runner = runner;
        _root = root.TrimEnd('/');
        CanRunServices = manageServices;
        _controlDir = Directory.CreateTempSubdirectory("jobstatsctl-ssh-").FullName;
    }

    public string Host { get; }
    public TargetKind Kind => TargetKind.Ssh;
    public bool CanRunServices { get; }

    public string HostPath(string path) => _root + path;

    private List<string> SshArgs()
    {
        var args = new List<string>
        {
            "ssh", "-p", _settings.Port.ToString(CultureInfo.InvariantCulture),
            "-o", "BatchMode=yes", "-o", "ControlMaster=auto", "-o", $"ControlPath={_controlDir}/%C",
            "-o", "ControlPersist=120", "-o", "ConnectTimeout=15", "-o", "LogLevel=ERROR",
        };
        if (_settings.IdentityFile is { } key) args.AddRange(["-i", key, "-o", "IdentitiesOnly=yes"]);
        if (_settings.KnownHostsFile is { } known) args.AddRange(["-o", $"UserKnownHostsFile={known}", "-o", "StrictHostKeyChecking=yes"]);
        args.Add($"{_settings.User}@{Host}");
        args.Add("--");
        return args;
    }

    private async Task<ProcessResult> Remote(string script, IReadOnlyList<string> args, byte[]? stdin, CancellationToken ct)
    {
        var argv = SshArgs();
        argv.Add(ShellQuote.Join(["sh", "-c", script, "sh", .. args]));
        var result = await _runner.RunAsync(new ProcessRequest(argv[0], argv[1..], IHostTarget.CommandTimeout) { StandardInput = stdin is null ? null : stdin.AsMemory() }, ct).ConfigureAwait(false);
        // 255 is ssh's own failure (connection, authentication): the remote command never ran.
        if (result.Outcome != ProcessOutcome.Exited || result.ExitCode == 255)
            throw new IOException($"ssh to {Host} failed: {result.Describe()}");
        return result;
    }

    private async Task Must(string what, string script, IReadOnlyList<string> args, CancellationToken ct, byte[]? stdin = null)
    {
        var result = await Remote(script, args, stdin, ct).ConfigureAwait(false);
        if (!result.Succeeded) throw new IOException($"{Host}: {what} failed: {result.Describe()}");
    }

    public async Task<bool> HasSystemdAsync(CancellationToken ct)
    {
        if (_systemd is { } known) return known;
        var result = await Remote("cat /proc/1/comm", [], null, ct).ConfigureAwait(false);
        _systemd = result.StandardOutput.Trim() == "systemd" && _root.Length == 0;
        return _systemd.Value;
    }

    // Paths to stat, one a line, then an empty line, then directories to search for stale temp files: printed as
    // "T <directory index> <name>" when the writing shell (the pid in the name) no longer runs on that host.
    private static readonly string StatScript = """
        while IFS= read -r p; do
          [ -z "$p" ] && break
          if [ -L "$p" ]; then printf 'L\t%s\n' "$(readlink "$p")"
          elif [ -d "$p" ]; then printf 'D\t%s\n' "$(stat -c '%a	%U	%G' "$p")"
          elif [ -f "$p" ]; then printf 'F\t%s\t%s\n' "$(stat -c '%a	%U	%G' "$p")" "$(sha256sum < "$p" | cut -d' ' -f1)"
          elif [ -e "$p" ]; then printf 'O\n'
          else printf 'M\n'; fi
        done
        i=0
        while IFS= read -r d; do
          for f in "$d"/GLOB; do
            if [ -f "$f" ] || [ -L "$f" ]; then
              n=${f##*/}; pid=${n##*.jobstats-}; pid=${pid%%-*}
              [ -n "$pid" ] && [ -d "/proc/$pid" ] || printf 'T\t%s\t%s\n' "$i" "$n"
            fi
          done
          i=$((i+1))
        done
        """.Replace("GLOB", TempFileNames.Glob, StringComparison.Ordinal);

    public async Task<PathInfo> StatAsync(string path, bool withHash, CancellationToken ct) => (await StatManyAsync([path], [], ct).ConfigureAwait(false)).Paths[0];

    public async Task<PathStates> StatManyAsync(IReadOnlyList<string> paths, IReadOnlyList<string> tempFileDirectories, CancellationToken ct)
    {
        var input = Encoding.UTF8.GetBytes(string.Concat(paths.Select(p => HostPath(p) + "\n")) + "\n"
                                           + string.Concat(tempFileDirectories.Select(d => HostPath(d) + "\n")));
        var result = await Remote(StatScript, [], input, ct).ConfigureAwait(false);
        if (!result.Succeeded) throw new IOException($"{Host}: reading file states failed: {result.Describe()}");
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var states = lines.Where(l => !l.StartsWith("T\t", StringComparison.Ordinal)).ToList();
        if (states.Count != paths.Count)
            throw new IOException($"{Host}: expected {paths.Count} file states, got {states.Count}");
        var stale = new List<string>();
        foreach (var line in lines.Where(l => l.StartsWith("T\t", StringComparison.Ordinal)))
        {
            var f = line.Split('\t');
            // Only our exact pattern counts; the shell's glob is a pre-filter.
            if (f.Length == 3 && int.TryParse(f[1], NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < tempFileDirectories.Count
                && TempFileNames.TryParse(f[2], out _))
                stale.Add($"{tempFileDirectories[i].TrimEnd('/')}/{f[2]}");
        }
        return new PathStates(states.Select(ParseStat).ToList(), stale);
    }

    internal static PathInfo ParseStat(string line)
    {
        try { return ParseStatFields(line); }
        catch (FormatException) { throw new IOException($"unexpected file state line from remote host: '{line}'"); }
    }

    private static PathInfo ParseStatFields(string line)
    {
        var f = line.Split('\t');
        return f[0] switch
        {
            "M" => PathInfo.Missing,
            "O" => new PathInfo(PathKind.Other),
            "L" when f.Length >= 2 => new PathInfo(PathKind.Symlink, LinkTarget: f[1]),
            "D" when f.Length >= 4 => new PathInfo(PathKind.Directory, Convert.ToInt32(f[1], 8), f[2], f[3]),
            "F" when f.Length >= 5 => new PathInfo(PathKind.File, Convert.ToInt32(f[1], 8), f[2], f[3], f[4]),
            _ => throw new IOException($"unexpected file state line from remote host: '{line}'"),
        };
    }

    public async Task<byte[]?> ReadFileAsync(string path, CancellationToken ct)
    {
        var result = await Remote("if [ -f \"$1\" ]; then base64 < \"$1\"; else echo MISSING; exit 3; fi", [HostPath(path)], null, ct).ConfigureAwait(false);
        if (result.ExitCode == 3) return null;
        if (!result.Succeeded) throw new IOException($"{Host}: reading {path} failed: {result.Describe()}");
        return Convert.FromBase64String(result.StandardOutput.Replace("\n", ""));
    }

    /// <summary>
    /// The remote half of a write: $1 path, $2 octal mode, $3 owner, $4 group, $5 temp id, $6 byte count, $7 SHA-256;
    /// the content on stdin. A connection cut mid-transfer ends <c>cat</c> as if the file were complete, so only the
    /// announced bytes, checked, synced to disk, are renamed into place; anything else leaves the old file as it was.
    /// </summary>
    internal static readonly string WriteScript = """
        set -e
        d=$(dirname "$1"); mkdir -p "$d"
        t=TEMP
        trap 'rm -f "$t"' EXIT
        (umask 077; set -C; cat > "$t")
        n=$(wc -c < "$t")
        [ "$n" -eq "$6" ] || { echo "received $n of $6 bytes; $1 left as it was" >&2; exit 1; }
        [ "$(sha256sum < "$t" | cut -d' ' -f1)" = "$7" ] || { echo "content received differs from what was sent; $1 left as it was" >&2; exit 1; }
        chown "$3:$4" "$t"; chmod "$2" "$t"
        sync "$t" 2>/dev/null || sync
        mv -f "$t" "$1"
        trap - EXIT
        """.Replace("TEMP", TempFileNames.ShellExpression("$5"), StringComparison.Ordinal);

    public Task WriteFileAsync(string path, FileContent content, int mode, string owner, string group, CancellationToken ct) =>
        Must($"writing {path}", WriteScript,
            [HostPath(path), Convert.ToString(mode, 8), owner, group, TempFileNames.NewId(),
             content.Bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), content.Sha256], ct, content.Bytes);

    public Task CreateDirectoryAsync(string path, int mode, string owner, string group, CancellationToken ct) =>
        Must($"creating {path}", "set -e; mkdir -p \"$1\"; chown \"$3:$4\" \"$1\"; chmod \"$2\" \"$1\"",
            [HostPath(path), Convert.ToString(mode, 8), owner, group], ct);

    public Task SetAttributesAsync(string path, int mode, string owner, string group, CancellationToken ct) =>
        Must($"setting owner and mode of {path}", "set -e; chown -h \"$3:$4\" \"$1\"; chmod \"$2\" \"$1\"",
            [HostPath(path), Convert.ToString(mode, 8), owner, group], ct);

    public Task SymlinkAsync(string path, string linkTarget, CancellationToken ct) =>
        Must($"linking {path}", $"set -e; mkdir -p \"$(dirname \"$1\")\"; t={TempFileNames.ShellExpression("$3")}; ln -s \"$2\" \"$t\"; mv -fT \"$t\" \"$1\"",
            [HostPath(path), linkTarget, TempFileNames.NewId()], ct);

    public Task CopyAsync(string from, string to, CancellationToken ct) =>
        Must($"backing up {from}", "set -e; mkdir -p \"$(dirname \"$2\")\"; cp -a \"$1\" \"$2\"", [HostPath(from), HostPath(to)], ct);

    public Task RenameAsync(string from, string to, CancellationToken ct) =>
        Must($"moving {from}", "set -e; mkdir -p \"$(dirname \"$2\")\"; mv -f \"$1\" \"$2\"", [HostPath(from), HostPath(to)], ct);

    public Task DeleteAsync(string path, CancellationToken ct) =>
        Must($"removing {path}", "if [ -L \"$1\" ] || [ -f \"$1\" ]; then rm -f \"$1\"; elif [ -d \"$1\" ]; then rmdir \"$1\"; fi",
            [HostPath(path)], ct);

    public Task<ProcessResult> RunAsync(IReadOnlyList<string> argv, CancellationToken ct) =>
        Remote("exec \"$@\"", argv, null, ct);

    public async ValueTask DisposeAsync()
    {
        var argv = SshArgs();
        argv.Remove("--");
        argv.InsertRange(1, ["-O", "exit"]);
        await _runner.RunAsync(new ProcessRequest(argv[0], argv[1..], TimeSpan.FromSeconds(10)), CancellationToken.None).ConfigureAwait(false);
        try { Directory.Delete(_controlDir, recursive: true); } catch (IOException) { }
    }
}
