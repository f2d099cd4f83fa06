using Jobstats.Deploy.Targets;

namespace Jobstats.Deploy.Resources;

/// <summary>
/// A service that must be running. With systemd as PID 1 it is enabled and started through systemctl; otherwise
/// (containers, CI, the lab VM) the unit's ExecStart is run detached with a pid file under /run/jobstats/ and its
/// output in /var/log/jobstats/.
/// </summary>
internal sealed class ServiceResource(string name, IReadOnlyList<string> execStart, string? user, IReadOnlyList<string> restartWhenChanged) : Resource
{
    public override ResourceKind Kind => ResourceKind.Service;
    public override string Key => "service:" + name;
    public string Name => name;
    public IReadOnlyList<string> ExecStart => execStart;
    public string? User => user;

    /// <summary>Keys of resources (unit file, config) whose change means a restart.</summary>
    public IReadOnlyList<string> RestartWhenChanged => restartWhenChanged;

    public static string PidFile(string name) => $"/run/jobstats/{name}.pid";
    public static string LogFile(string name) => $"/var/log/jobstats/{name}.log";

    public override async Task<Drift> InspectAsync(ResourceContext context, PathInfo? current, CancellationToken ct) =>
        await IsRunningAsync(context.Target, name, await context.SystemdAsync(ct).ConfigureAwait(false), ct).ConfigureAwait(false) ? Drift.Ok : Drift.Create("start service");

    public static async Task<bool> IsRunningAsync(IHostTarget target, string name, bool systemd, CancellationToken ct)
    {
        if (systemd) return (await target.RunAsync(["systemctl", "is-active", "--quiet", name], ct).ConfigureAwait(false)).Succeeded;
        var result = await target.RunAsync(["sh", "-c", "p=$(cat \"$1\" 2>/dev/null) && [ -n \"$p\" ] && kill -0 \"$p\" 2>/dev/null", "sh", target.HostPath(PidFile(name))], ct).ConfigureAwait(false);
        return result.Succeeded;
    }

    public override async Task ApplyAsync(ResourceContext context, CancellationToken ct)
    {
        var target = context.Target;
        if (await context.SystemdAsync(ct).ConfigureAwait(false))
        {
            foreach (var step in new[] { new[] { "systemctl", "daemon-reload" }, ["systemctl", "enable", name], ["systemctl", "restart", name] })
            {
                var r = await target.RunAsync(step, ct).ConfigureAwait(false);
                if (!r.Succeeded) throw new IOException($"{string.Join(' ', step)}: {r.Describe()}");
            }
            return;
        }
        await StopAsync(target, name, ct).ConfigureAwait(false);
        var exe = execStart[0];
        // Under a root prefix the program may be installed in the prefix or come from the host's OS packages.
        var inRoot = target.HostPath(exe);
        var argv = new List<string> { (await target.StatAsync(exe, false, ct).ConfigureAwait(false)).Kind == PathKind.Missing ? exe : inRoot };
        argv.AddRange(execStart.Skip(1));
        // The outer shell detaches its output first so our pipes close; the inner shell records its own pid, then
        // becomes the service (dropping to the unit's user with setpriv, which execs rather than forks).
        const string launcher = """
            pidfile=$1 log=$2 u=$3; shift 3
            mkdir -p "$(dirname "$pidfile")" "$(dirname "$log")"
            exec </dev/null >>"$log" 2>&1
            setsid sh -c 'pf=$1 u=$2; shift 2; echo $$ > "$pf"
              if [ -n "$u" ] && [ "$u" != root ] && id -u "$u" >/dev/null 2>&1; then
                exec setpriv --reuid="$u" --regid="$(id -g "$u")" --init-groups -- "$@"
              fi
              exec "$@"' sh "$pidfile" "$u" "$@" &
            """;
        var run = await target.RunAsync(["sh", "-c", launcher, "sh", target.HostPath(PidFile(name)), target.HostPath(LogFile(name)), user ?? "", .. argv], ct).ConfigureAwait(false);
        if (!run.Succeeded) throw new IOException($"starting {name}: {run.Describe()}");
        for (var i = 0; i < 50; i++)
        {
            await Task.Delay(100, ct).ConfigureAwait(false);
            if (await IsRunningAsync(target, name, false, ct).ConfigureAwait(false))
            {
                await Task.Delay(300, ct).ConfigureAwait(false);
                if (await IsRunningAsync(target, name, false, ct).ConfigureAwait(false)) return;
            }
        }
        var log = await target.ReadFileAsync(LogFile(name), ct).ConfigureAwait(false);
        var tail = log is null ? "" : string.Join('\n', System.Text.Encoding.UTF8.GetString(log).Split('\n').TakeLast(5));
        throw new IOException($"{name} did not stay running; last log lines: {tail}");
    }

    /// <summary>Stops a service we started (by its pid file) or through systemd; used by restart and uninstall.</summary>
    public static async Task StopAsync(IHostTarget target, string name, CancellationToken ct)
    {
        if (await target.HasSystemdAsync(ct).ConfigureAwait(false))
        {
            await target.RunAsync(["systemctl", "disable", "--now", name], ct).ConfigureAwait(false);
            return;
        }
        var r = await target.RunAsync(["sh", "-c", """
            p=$(cat "$1" 2>/dev/null) || exit 0
            [ -n "$p" ] || exit 0
            kill "$p" 2>/dev/null || { rm -f "$1"; exit 0; }
            i=0; while kill -0 "$p" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done
            kill -9 "$p" 2>/dev/null
            rm -f "$1"
            """, "sh", target.HostPath(PidFile(name))], ct).ConfigureAwait(false);
        if (!r.Succeeded) throw new IOException($"stopping {name}: {r.Describe()}");
    }
}
