using Jobstats.Deploy.Bcm;
using Jobstats.Deploy.Components;
using Jobstats.Deploy.Resources;
using Jobstats.Deploy.Targets;

namespace Jobstats.Deploy.State;

/// <summary>
/// Undoes what one manifest entry records: a service stopped, a created path removed, a replaced file restored from
/// its backup, a cmsh setting put back. Used by uninstall for every entry and by apply for the entries the inventory
/// no longer wants.
/// </summary>
internal static class ManifestUndo
{
    /// <summary>Undoes one entry. <paramref name="stateTarget"/> holds the backups (the head node for an image).</summary>
    public static async Task UndoAsync(IHostTarget target, IHostTarget stateTarget, ManifestEntry entry, CmshClient? cmsh, Action<string> say, CancellationToken ct)
    {
        // Applier.RecordOwnershipAsync writes Path for every path kind and Name for services, users and cmsh settings:
        // the '!' on them below rest on that, which the manifest's JSON shape cannot express.
        switch (entry.Kind)
        {
            case nameof(ResourceKind.Service):
                if (target.CanRunServices)
                {
                    await ServiceResource.StopAsync(target, entry.Name!, ct).ConfigureAwait(false);
                    // Without systemd we ran the service ourselves, so its output file is ours as well.
                    if (!await target.HasSystemdAsync(ct).ConfigureAwait(false)) await target.DeleteAsync(ServiceResource.LogFile(entry.Name!), ct).ConfigureAwait(false);
                }
                break;
            case nameof(ResourceKind.File) or nameof(ResourceKind.Symlink):
                if (entry.PreviousLinkTarget is { } link) await target.SymlinkAsync(entry.Path!, link, ct).ConfigureAwait(false);
                else if (entry.BackupFile is { } backup) await RestoreAsync(target, stateTarget, entry, backup, ct).ConfigureAwait(false);
                else await target.DeleteAsync(entry.Path!, ct).ConfigureAwait(false);
                break;
            case nameof(ResourceKind.Directory):
                if (entry.Created && entry.Path == Layout.SpoolDir) await RemoveSpoolIfDrainedAsync(target, say, ct).ConfigureAwait(false);
                else if (entry.Created) await RemoveDirectoryIfEmptyAsync(target, entry.Path!, say, ct).ConfigureAwait(false);
                else if (entry.PreviousMode is { } mode)
                    await target.SetAttributesAsync(entry.Path!, mode, entry.PreviousOwner ?? "root", entry.PreviousGroup ?? "root", ct).ConfigureAwait(false);
                break;
            case nameof(ResourceKind.SystemUser):
                await SystemUserResource.RemoveAsync(target, entry.Name!, ct).ConfigureAwait(false);
                break;
            case nameof(ResourceKind.ManagedBlock):
                if (await ManagedBlockResource.RemoveAsync(target, entry.Path!, ct).ConfigureAwait(false) && entry.AfterChange is { Count: > 0 } after && target.CanRunServices)
                {
                    var r = await target.RunAsync(after, ct).ConfigureAwait(false);
                    if (!r.Succeeded) say($"warning: {string.Join(' ', after)}: {r.Describe()}");
                }
                break;
            case nameof(ResourceKind.CmshSetting):
                var client = cmsh ?? throw new InvalidOperationException($"{entry.Key} was set through cmsh, but bcm.enabled is now false");
                if (string.IsNullOrEmpty(entry.PreviousValue)) await client.ClearWlmAsync(entry.Submode ?? "", entry.Name!, ct).ConfigureAwait(false);
                else await client.SetWlmAsync(entry.Submode ?? "", entry.Name!, entry.PreviousValue, ct).ConfigureAwait(false);
                break;
            default:
                throw new InvalidDataException($"manifest entry {entry.Key} has unknown kind {entry.Kind}");
        }
    }

    private static async Task RestoreAsync(IHostTarget target, IHostTarget stateTarget, ManifestEntry entry, string backup, CancellationToken ct)
    {
        var bytes = await stateTarget.ReadFileAsync(backup, ct).ConfigureAwait(false)
                    ?? throw new IOException($"backup {backup} of {entry.Path} is missing; left {entry.Path} as it is");
        await target.WriteFileAsync(entry.Path!, FileContent.FromBytes(bytes, $"restored {entry.Path}"),
            entry.PreviousMode ?? FileModes.Readable, entry.PreviousOwner ?? "root", entry.PreviousGroup ?? "root", ct).ConfigureAwait(false);
        await stateTarget.DeleteAsync(backup, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The summary spool goes only once nothing is queued in it: a queued job is a summary not yet stored, and an
    /// uninstall must not lose it. The service is stopped by then (services are undone first).
    /// </summary>
    private static async Task RemoveSpoolIfDrainedAsync(IHostTarget target, Action<string> say, CancellationToken ct)
    {
        foreach (var name in Layout.SpoolContents)
        {
            var path = $"{Layout.SpoolDir}/{name}";
            if ((await target.StatAsync(path, false, ct).ConfigureAwait(false)).Kind == PathKind.Missing) continue;
            try { await target.DeleteAsync(path, ct).ConfigureAwait(false); }
            catch (IOException)
            {
                say($"kept {Layout.SpoolDir}: {path} is not empty (jobs queued for a summary, or entries kept for an admin)");
                return;
            }
        }
        await RemoveDirectoryIfEmptyAsync(target, Layout.SpoolDir, say, ct).ConfigureAwait(false);
    }

    private static async Task RemoveDirectoryIfEmptyAsync(IHostTarget target, string path, Action<string> say, CancellationToken ct)
    {
        try
        {
            await target.DeleteAsync(path, ct).ConfigureAwait(false);
        }
        catch (IOException)
        {
            say($"kept {path}: not empty (data we did not write)");
        }
    }
}
