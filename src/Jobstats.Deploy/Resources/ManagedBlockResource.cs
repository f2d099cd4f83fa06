using System.Text;
using Jobstats.Deploy.Targets;

namespace Jobstats.Deploy.Resources;

/// <summary>
/// Our lines inside a file someone else owns (slurm.conf on sites without BCM): kept between BEGIN/END markers,
/// rewritten as a whole, everything outside left byte for byte. A change is followed by <c>scontrol reconfigure</c>.
/// </summary>
internal sealed class ManagedBlockResource(string path, IReadOnlyList<string> lines, IReadOnlyList<string>? afterChange) : Resource
{
    public const string Begin = "# BEGIN jobstats (managed by jobstatsctl; edits between these markers are overwritten)";
    public const string End = "# END jobstats";

    public override ResourceKind Kind => ResourceKind.ManagedBlock;
    public override string Key => "block:" + path;
    public override string Path => path;
    public IReadOnlyList<string> Lines => lines;
    public override string Desired => string.Join('\n', lines);

    public override async Task<Drift> InspectAsync(ResourceContext context, PathInfo? current, CancellationToken ct)
    {
        var bytes = await context.Target.ReadFileAsync(path, ct).ConfigureAwait(false) ?? throw new IOException($"{path} does not exist; the managed block needs an existing file");
        var text = Encoding.UTF8.GetString(bytes);
        var (before, block, _) = Split(text);
        if (block is null) return Drift.Create($"append {lines.Count} line(s): {string.Join("; ", lines)}");
        _ = before;
        return block.SequenceEqual(lines) ? Drift.Ok : Drift.Change($"block now: {string.Join("; ", lines)}");
    }

    public override async Task ApplyAsync(ResourceContext context, CancellationToken ct)
    {
        var text = Encoding.UTF8.GetString(await context.Target.ReadFileAsync(path, ct).ConfigureAwait(false) ?? throw new IOException($"{path} vanished"));
        await WriteAsync(context.Target, path, Render(text, lines), ct).ConfigureAwait(false);
        if (afterChange is not null && context.Target.CanRunServices)
        {
            var r = await context.Target.RunAsync(afterChange, ct).ConfigureAwait(false);
            if (!r.Succeeded) context.Log($"warning: {string.Join(' ', afterChange)}: {r.Describe()}");
        }
    }

    /// <summary>Removes the block (uninstall); returns false when there was none.</summary>
    public static async Task<bool> RemoveAsync(IHostTarget target, string path, CancellationToken ct)
    {
        var bytes = await target.ReadFileAsync(path, ct).ConfigureAwait(false);
        if (bytes is null) return false;
        var text = Encoding.UTF8.GetString(bytes);
        if (Split(text).Block is null) return false;
        await WriteAsync(target, path, Render(text, null), ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>The file with the block replaced by <paramref name="block"/> (appended when absent; removed when null).</summary>
    public static string Render(string text, IReadOnlyList<string>? block)
    {
        var (before, existing, after) = Split(text);
        var sb = new StringBuilder(before);
        if (block is not null)
        {
            if (sb.Length > 0 && sb[^1] != '\n') sb.Append('\n');
            sb.Append(Begin).Append('\n');
            foreach (var line in block) sb.Append(line).Append('\n');
            sb.Append(End).Append('\n');
        }
        if (existing is not null) sb.Append(after);
        return sb.ToString();
    }

    internal static (string Before, List<string>? Block, string After) Split(string text)
    {
        var start = text.IndexOf(Begin, StringComparison.Ordinal);
        if (start < 0) return (text, null, "");
        var bodyStart = text.IndexOf('\n', start);
        var end = text.IndexOf("\n" + End, start, StringComparison.Ordinal);
        if (bodyStart < 0 || end < 0) throw new IOException("the jobstats block has a BEGIN marker but no END marker; fix the file by hand");
        var body = text[(bodyStart + 1)..(end + 1)];
        var afterEnd = text.IndexOf('\n', end + 1 + End.Length);
        var after = afterEnd < 0 ? "" : text[(afterEnd + 1)..];
        return (text[..start], body.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList(), after);
    }

    private static async Task WriteAsync(IHostTarget target, string path, string text, CancellationToken ct)
    {
        var info = await target.StatAsync(path, false, ct).ConfigureAwait(false);
        await target.WriteFileAsync(path, FileContent.FromText(text, path), info.Mode & FileModes.PermissionBits, info.Owner, info.Group, ct).ConfigureAwait(false);
    }
}
