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
    /// <summary>What <see cref="UninstallAsync"/> would undo on every host, newest first, shown before asking.</summary>
    public async Task<Plan> PlanAsync(Deployment deployment, CancellationToken ct)
    {
        var hosts = new List<HostPlan>();
        foreach (var host in deployment.Hosts.OrderBy(h => h.Placement == Placement.HeadNode ? 1 : 0))
        {
            try
            {
                var target = targets.Open(host);
                await using var disposeTarget = target.ConfigureAwait(false);
                var manifest = await targets.StateFor(host, target).LoadAsync(deployment.Inventory.Cluster, host.Name, ct).ConfigureAwait(false);
                var changes = new List<PlannedChange>();
                for (var i = manifest.Entries.Count - 1; i >= 0; i--)
                {
                    var entry = manifest.Entries[i];
                    var removal = new RemovedResource(entry, $"uninstall ({entry.Component}, role {entry.Role})") { Component = entry.Component, Role = entry.Role };
                    changes.Add(new PlannedChange(removal, removal.Drift, null));
                }
                hosts.Add(new HostPlan(host, changes, null));
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException or InvalidDataException)
            {
                hosts.Add(new HostPlan(host, [], e.Message));
            }
        }
        return new Plan(deployment, hosts);
    }

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
                    await ManifestUndo.UndoAsync(target, store.Target, entry, cmsh, Log, ct).ConfigureAwait(false);
                    Log($"removed {entry.Key}");
                    manifest.Entries.RemoveAt(i);
                    await store.SaveAsync(manifest, ct).ConfigureAwait(false);
                    undone++;
                }
                await store.DeleteManifestAsync(ct).ConfigureAwait(false);
                await RemoveEmptyStateDirectoriesAsync(store, backups, deployment.Inventory.Target.StateDir, ct).ConfigureAwait(false);
                hostLog.Write($"done: {undone} removed");
                results.Add(new HostApplyResult(host.Name, undone, 0, null, hostLog.File));
                if (host.Placement != Placement.HeadNode) await Departures.ForgetAsync(deployment, targets, [host], ct).ConfigureAwait(false);
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
    internal static async Task RemoveEmptyStateDirectoriesAsync(ManifestStore store, IReadOnlyList<string> backups, string stateDir, CancellationToken ct)
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
}
