using System.Globalization;
using System.Text;
using Jobstats.Deploy.Targets;

namespace Jobstats.Deploy.Resources;

/// <summary>
/// A system account, added as lines in the host's /etc/passwd and /etc/group (and /etc/shadow when present), so the
/// same code works for a live host, a prefix root and a software image that has no running useradd.
/// </summary>
public sealed class SystemUserResource(string name, string home, string comment) : Resource
{
    public override ResourceKind Kind => ResourceKind.SystemUser;
    public override string Key => "user:" + name;
    public string Name => name;
    public string Home => home;

    /// <summary>System ids are allocated from this range, highest free first, like useradd --system.</summary>
    public const int FirstSystemId = 100, LastSystemId = 999;

    public override async Task<Drift> InspectAsync(ResourceContext context, PathInfo? current, CancellationToken ct)
    {
        var passwd = await ReadText(context, "/etc/passwd", ct).ConfigureAwait(false);
        return FindLine(passwd, name) is null ? Drift.Create($"system user {name} (home {home})") : Drift.Ok;
    }

    public override async Task ApplyAsync(ResourceContext context, CancellationToken ct)
    {
        var passwd = await ReadText(context, "/etc/passwd", ct).ConfigureAwait(false) ?? "";
        if (FindLine(passwd, name) is not null) return;
        var group = await ReadText(context, "/etc/group", ct).ConfigureAwait(false) ?? "";
        var id = FreeId(passwd, group);
        var gid = ExistingGroupId(group, name) ?? id;
        if (ExistingGroupId(group, name) is null)
            await Append(context, "/etc/group", group, $"{name}:x:{gid}:", FileModes.Readable, ct).ConfigureAwait(false);
        await Append(context, "/etc/passwd", passwd, $"{name}:x:{id}:{gid}:{comment}:{home}:/usr/sbin/nologin", FileModes.Readable, ct).ConfigureAwait(false);
        var shadow = await ReadText(context, "/etc/shadow", ct, missingOk: true).ConfigureAwait(false);
        if (shadow is not null && FindLine(shadow, name) is null)
            await Append(context, "/etc/shadow", shadow, $"{name}:!:{DateTime.UtcNow.Subtract(DateTime.UnixEpoch).Days}::::::", FileModes.GroupReadable, ct, "shadow").ConfigureAwait(false);
    }

    /// <summary>Removes the account lines again (uninstall of a user we created).</summary>
    public static async Task RemoveAsync(IHostTarget target, string name, CancellationToken ct)
    {
        foreach (var (file, mode, group) in new[] { ("/etc/passwd", FileModes.Readable, "root"), ("/etc/group", FileModes.Readable, "root"), ("/etc/shadow", FileModes.GroupReadable, "shadow") })
        {
            var bytes = await target.ReadFileAsync(file, ct).ConfigureAwait(false);
            if (bytes is null) continue;
            var text = Encoding.UTF8.GetString(bytes);
            var kept = text.Split('\n').Where(l => !l.StartsWith(name + ":", StringComparison.Ordinal)).ToList();
            var updated = string.Join('\n', kept);
            if (updated == text) continue;
            var info = await target.StatAsync(file, false, ct).ConfigureAwait(false);
            await target.WriteFileAsync(file, FileContent.FromText(updated, file), info.Kind == PathKind.File ? info.Mode & FileModes.PermissionBits : mode,
                info.Owner.Length > 0 ? info.Owner : "root", info.Group.Length > 0 ? info.Group : group, ct).ConfigureAwait(false);
        }
    }

    private static async Task<string?> ReadText(ResourceContext context, string file, CancellationToken ct, bool missingOk = false)
    {
        var bytes = await context.Target.ReadFileAsync(file, ct).ConfigureAwait(false);
        if (bytes is null) return missingOk ? null : "";
        return Encoding.UTF8.GetString(bytes);
    }

    private static async Task Append(ResourceContext context, string file, string? text, string line, int mode, CancellationToken ct, string group = "root")
    {
        text ??= "";
        if (text.Length > 0 && !text.EndsWith('\n')) text += "\n";
        var info = await context.Target.StatAsync(file, false, ct).ConfigureAwait(false);
        var owner = info.Kind == PathKind.File ? info.Owner : "root";
        var fileGroup = info.Kind == PathKind.File ? info.Group : group;
        var fileMode = info.Kind == PathKind.File ? info.Mode & FileModes.PermissionBits : mode;
        if (fileGroup == "shadow" && info.Kind != PathKind.File) fileGroup = "root";
        await context.Target.WriteFileAsync(file, FileContent.FromText(text + line + "\n", file), fileMode, owner, fileGroup, ct).ConfigureAwait(false);
    }

    internal static string? FindLine(string? text, string name) =>
        text?.Split('\n').FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal));

    private static int? ExistingGroupId(string group, string name)
    {
        var line = FindLine(group, name);
        var fields = line?.Split(':');
        return fields is { Length: >= 3 } && int.TryParse(fields[2], CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    internal static int FreeId(string passwd, string group)
    {
        var used = new HashSet<int>();
        foreach (var text in new[] { passwd, group })
            foreach (var line in text.Split('\n'))
            {
                var fields = line.Split(':');
                if (fields.Length >= 3 && int.TryParse(fields[2], CultureInfo.InvariantCulture, out var id)) used.Add(id);
            }
        for (var id = LastSystemId; id >= FirstSystemId; id--)
            if (!used.Contains(id)) return id;
        throw new InvalidOperationException("no free system user id between 100 and 999");
    }
}
