using Jobstats.Deploy.Components;
using Jobstats.Deploy.Bcm;
using Jobstats.Deploy.Planning;
using Jobstats.Deploy.Resources;
using Jobstats.Deploy.State;
using Jobstats.Deploy.Targets;

namespace Jobstats.Deploy.Engine;

/// <summary>
/// Undoes exactly what the manifests record, newest first: services stopped, created paths removed, replaced files
/// restored from their backups, cmsh settings put back. Anything not in a manifest is never touched. Each step is
/// reported through <paramref name="log"/> and, with <paramref name="logDirectory"/>, in the host's log file.
/// </summary>
public sealed class Uninstaller(ITargetFactory targets, CmshClient? cmsh, Action<string> log, string? logDirectory = null)
{
    public async Task<IReadOnlyList<HostApplyResult>> UninstallAsync(Deployment deployment, CancellationToken ct)
    {
        HostLog.PrepareDirectory(logDirectory);
        var results = new List<HostApplyResult>();
        // Nodes first, the head node (shared files they link to) last.
        foreach (var host in deployment.Hosts.OrderBy(h => h.Placement == Placement.HeadNode ? 1 : 0))
        {
            var hostLog = HostLog.Open(logDirectory, host.Name);
            await using var disposeHostLog = hostLog.ConfigureAwait(false);
            void Log(string line)
            {
                log($"{host.Name}: {line}");
                hostLog.Write(line);
            }
            try
            {
                var target = targets.Open(host);
                await using var disposeTarget = target.ConfigureAwait(false);
                var store = targets.StateFor(host, target);
                var manifest = await store.LoadAsync(deployment.Inventory.Cluster, host.Name, ct).ConfigureAwait(false);
                hostLog.Write($"uninstall: {manifest.Entries.Count} recorded change(s) to undo");
                var undone = await RemoveStaleTempFilesAsync(deployment, host, target, store, manifest, Log, ct).ConfigureAwait(false);
                var backups = manifest.Entries.Select(e => e.BackupFile).OfType<string>().ToList();
                for (var i = manifest.Entries.Count - 1; i >= 0; i--)
                {
                    var entry = manifest.Entries[i];
                    await UndoAsync(target, store, entry, Log, ct).ConfigureAwait(false);
                    Log($"removed {entry.Key}");
                    manifest.Entries.RemoveAt(i);
                    await store.SaveAsync(manifest, ct).ConfigureAwait(false);
                    undone++;
                }
                await store.DeleteManifestAsync(ct).ConfigureAwait(false);
                await RemoveEmptyStateDirectoriesAsync(store, backups, deployment.Inventory.Target.StateDir, ct).ConfigureAwait(false);
                hostLog.Write($"done: {undone} removed");
                results.Add(new HostApplyResult(host.Name, undone, 0, null, hostLog.File));
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or CmshException or UnauthorizedAccessException or InvalidDataException)
            {
                Log($"uninstall failed: {e.Message}");
                results.Add(new HostApplyResult(host.Name, 0, 0, e.Message, hostLog.File));
            }
        }
        return results;
    }

    /// <summary>
    /// Leftovers of a killed apply go first: they would keep the folders we created from being removed, and after
    /// uninstall no plan would ever show them again.
    /// </summary>
    private async Task<int> RemoveStaleTempFilesAsync(Deployment deployment, HostDeployment host, IHostTarget target, ManifestStore store, Manifest manifest, Action<string> say, CancellationToken ct)
    {
        var written = host.Resources.SelectMany(StaleTempFileScan.WrittenBy).Concat(manifest.Entries.SelectMany(StaleTempFileScan.WrittenBy));
        var (_, stale) = await StaleTempFileScan.StatAsync(target, store, [], written, ct).ConfigureAwait(false);
        var context = new ResourceContext(target, deployment.Inventory, cmsh, say) { StateTarget = store.Target };
        foreach (var leftover in stale)
        {
            await leftover.ApplyAsync(context, ct).ConfigureAwait(false);
            say($"removed stale temp file {leftover.Path}");
        }
        return stale.Count;
    }

    /// <summary>
    /// The bookkeeping folders are ours too: the emptied backup folders, the store's folder and those above it up to
    /// <c>state_dir</c>, each removed only when empty. A backup we keep (slurm.conf's) or another place's manifest
    /// (the head node's next to an image's) keeps its folders.
    /// </summary>
    private static async Task RemoveEmptyStateDirectoriesAsync(ManifestStore store, IReadOnlyList<string> backups, string stateDir, CancellationToken ct)
    {
        var top = stateDir.TrimEnd('/');
        foreach (var dir in backups.Select(b => Path.GetDirectoryName(b)!).Append(store.Directory))
            await RemoveEmptyUpToAsync(store.Target, dir, top, ct).ConfigureAwait(false);
    }

    /// <summary>Removes <paramref name="dir"/> and its parents while they are empty, up to and including <paramref name="limit"/>.</summary>
    private static async Task RemoveEmptyUpToAsync(IHostTarget target, string dir, string limit, CancellationToken ct)
    {
        for (var d = dir.TrimEnd('/'); d == limit || d.StartsWith(limit + "/", StringComparison.Ordinal); d = Path.GetDirectoryName(d)!)
        {
            try
            {
                await target.DeleteAsync(d, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return; // not empty: a backup we keep, another place's manifest, or not ours
            }
            if (d == limit) return;
        }
    }

    private async Task UndoAsync(IHostTarget target, ManifestStore store, ManifestEntry entry, Action<string> say, CancellationToken ct)
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
                else if (entry.BackupFile is { } backup) await RestoreAsync(target, store, entry, backup, ct).ConfigureAwait(false);
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

    private static async Task RestoreAsync(IHostTarget target, ManifestStore store, ManifestEntry entry, string backup, CancellationToken ct)
    {
        var bytes = await store.Target.ReadFileAsync(backup, ct).ConfigureAwait(false)
                    ?? throw new IOException($"backup {backup} of {entry.Path} is missing; left {entry.Path} as it is");
        await target.WriteFileAsync(entry.Path!, FileContent.FromBytes(bytes, $"restored {entry.Path}"),
            entry.PreviousMode ?? FileModes.Readable, entry.PreviousOwner ?? "root", entry.PreviousGroup ?? "root", ct).ConfigureAwait(false);
        await store.Target.DeleteAsync(backup, ct).ConfigureAwait(false);
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
