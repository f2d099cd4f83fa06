using System.Text;
using DiffPlex.Renderer;
using Jobstats.Core.Text;
using Jobstats.Deploy.Resources;
using Jobstats.Deploy.Targets;

namespace Jobstats.Deploy.Engine;

/// <summary>
/// <c>plan --diff</c>: for each text file the plan creates or changes (prometheus.yml, jobstats.yaml, units, the
/// slurm.conf block), a unified diff from what the host has to what apply would write. Programs and other binary
/// content are named, not dumped.
/// </summary>
public static class PlanDiff
{
    /// <summary>Above this a file is not diffed: our text files are a few KiB; anything this large is not one of them.</summary>
    private const int MaxTextBytes = 1024 * 1024;

    /// <summary>The diff of one planned change, or null when it is not a file's content that changes.</summary>
    public static async Task<string?> ForAsync(PlannedChange change, IHostTarget target, CancellationToken ct)
    {
        if (change.Drift.Action is not (DriftAction.Create or DriftAction.Change)) return null;
        var path = change.Resource.Path;
        byte[]? now;
        byte[] planned;
        switch (change.Resource)
        {
            case FileResource file when change.Current is null or { Kind: PathKind.Missing or PathKind.File }:
                if (change.Current is { Kind: PathKind.File } && change.Current.Sha256 == file.Content.Sha256) return null; // mode or owner only
                now = change.Current is { Kind: PathKind.File } ? await target.ReadFileAsync(file.Path, ct).ConfigureAwait(false) : null;
                planned = file.Content.Bytes;
                break;
            case ManagedBlockResource block:
                now = await target.ReadFileAsync(block.Path, ct).ConfigureAwait(false) ?? [];
                planned = Encoding.UTF8.GetBytes(ManagedBlockResource.Render(Encoding.UTF8.GetString(now), block.Lines));
                break;
            default:
                return null;
        }
        if (!IsText(now ?? []) || !IsText(planned)) return $"Binary content of {path} {(now is null ? "created" : "differs")}\n";
        var before = now is null ? "" : Encoding.UTF8.GetString(now);
        var diff = new UnidiffRenderer(contextLines: 3).Generate(before, Encoding.UTF8.GetString(planned),
            now is null ? "/dev/null" : $"{target.Host}:{path} (now)", $"{target.Host}:{path} (planned)", ignoreWhitespace: false);
        // A file's own escape sequences must not reach the admin's terminal.
        return TerminalText.EscapeBlock(diff.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    private static bool IsText(byte[] bytes) =>
        bytes.Length <= MaxTextBytes && !bytes.AsSpan().Contains((byte)0) && System.Text.Unicode.Utf8.IsValid(bytes);
}
