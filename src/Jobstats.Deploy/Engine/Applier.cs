using System.Globalization;
using Jobstats.Deploy.Bcm;
using Jobstats.Deploy.Planning;
using Jobstats.Deploy.Resources;
using Jobstats.Deploy.State;
using Jobstats.Deploy.Targets;

namespace Jobstats.Deploy.Engine;

/// <summary>
/// Converges every host in parallel. Per resource: back up what would be replaced, record ownership in the
/// manifest, then change. Because the manifest is written first, an apply killed at any point leaves a host that
/// the next apply converges and that uninstall can still undo.
/// </summary>
public sealed class Applier(ITargetFactory targets, CmshClient? cmsh, ApplyOptions options, IApplyObserver observer)
{
    private int _applied;

    public async Task<IReadOnlyList<HostApplyResult>> ApplyAsync(Deployment deployment, CancellationToken ct)
    {
        var runId = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        HostLog.PrepareDirectory(options.LogDirectory);
        await Departures.RecordAsync(deployment, targets, ct).ConfigureAwait(false);
        // The head node (shared storage, cmsh) goes first: nodes' links point at its files.
        var ordered = deployment.Hosts.OrderBy(h => h.Placement == Placement.HeadNode ? 0 : 1).ToList();
        var results = new List<HostApplyResult>();
        var head = ordered.Where(h => h.Placement == Placement.HeadNode).ToList();
        foreach (var h in head) results.Add(await ApplyHostAsync(deployment, h, runId, ct).ConfigureAwait(false));
        var rest = new HostApplyResult[ordered.Count - head.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, rest.Length),
            new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = ct },
            async (i, token) => rest[i] = await ApplyHostAsync(deployment, ordered[head.Count + i], runId, token).ConfigureAwait(false)).ConfigureAwait(false);
        results.AddRange(rest);
        var emptied = deployment.Hosts.Where(h => h.Departed)
            .Where(h => results.Any(r => r.Host == h.Name && r.Succeeded)).ToList();
        await Departures.ForgetAsync(deployment, targets, emptied, ct).ConfigureAwait(false);
        return results;
    }

    private async Task<HostApplyResult> ApplyHostAsync(Deployment deployment, HostDeployment host, string runId, CancellationToken ct)
    {
        var log = HostLog.Open(options.LogDirectory, host.Name);
        await using var disposeLog = log.ConfigureAwait(false);
        var logFile = log.File;

        var changed = 0;
        var unchanged = 0;
        try
        {
            var target = targets.Open(host);
            await using var disposeTarget = target.ConfigureAwait(false);
            var store = targets.StateFor(host, target);
            var plan = await new Planner(targets, cmsh).PlanHostAsync(deployment, host, target, log.Write, ct).ConfigureAwait(false);
            if (plan.Error is not null) throw new IOException(plan.Error);
            var pending = plan.Changes.Where(c => c.Drift.Action != DriftAction.Ok).ToList();
            unchanged = plan.Changes.Count - pending.Count;
            var refused = new List<string>();
            if (options.Approved is { } approved)
            {
                foreach (var gone in approved.Gone(host.Name, pending.Select(c => c.Resource.Key).ToHashSet(StringComparer.Ordinal)))
                    log.Write($"{gone}: approved, but nothing to do any more");
                refused = pending.Where(c => !approved.Approves(host.Name, c)).Select(c => c.Resource.Key).ToList();
                pending = pending.Where(c => approved.Approves(host.Name, c)).ToList();
                foreach (var key in refused) log.Write($"refused {key}: not in the approved plan, or its state moved since");
            }
            observer.HostStarted(host.Name, pending.Count);
            log.Write($"apply {runId}: {pending.Count} change(s), {unchanged} up to date");
            var manifest = await store.LoadAsync(deployment.Inventory.Cluster, host.Name, ct).ConfigureAwait(false);
            var context = new ResourceContext(target, deployment.Inventory, cmsh, log.Write) { StateTarget = store.Target };
            foreach (var change in pending)
            {
                await RecordOwnershipAsync(change, context, store, manifest, runId, ct).ConfigureAwait(false);
                log.Write($"{change.Drift.Action.ToString().ToLowerInvariant()} {change.Resource.Key}: {change.Drift.Reason}");
                await change.Resource.ApplyAsync(context, ct).ConfigureAwait(false);
                if (change.Resource is RemovedResource removed)
                {
                    manifest.Entries.RemoveAll(e => e.Key == removed.Entry.Key);
                    await store.SaveAsync(manifest, ct).ConfigureAwait(false);
                }
                changed++;
                observer.ResourceApplied(host.Name, change.Resource, change.Drift);
                if (options.AbortAfter is { } limit && Interlocked.Increment(ref _applied) >= limit) throw new SimulatedCrashException();
            }
            if (manifest.Entries.Count == 0 && pending.Any(c => c.Resource is RemovedResource))
            {
                // Everything recorded here was removed (a role or the whole host left the inventory): so is the bookkeeping.
                await store.DeleteManifestAsync(ct).ConfigureAwait(false);
                await Uninstaller.RemoveEmptyStateDirectoriesAsync(store, [], deployment.Inventory.Target.StateDir, ct).ConfigureAwait(false);
            }
            log.Write($"done: {changed} changed");
            var error = refused.Count == 0 ? null
                : $"{refused.Count} change(s) not made, their state moved since the plan was shown ({string.Join(", ", refused.Take(3))}{(refused.Count > 3 ? ", …" : "")}); run plan again";
            var result = new HostApplyResult(host.Name, changed, unchanged, error, logFile);
            observer.HostFinished(result);
            return result;
        }
        catch (SimulatedCrashException)
        {
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.Write($"failed: {e.Message}");
            var result = new HostApplyResult(host.Name, changed, unchanged, e.Message, logFile);
            observer.HostFinished(result);
            return result;
        }
    }

    private static async Task RecordOwnershipAsync(PlannedChange change, ResourceContext context, ManifestStore store, Manifest manifest, string runId, CancellationToken ct)
    {
        var r = change.Resource;
        // A leftover temp file is removed, not owned: there is nothing to undo.
        if (r is StaleTempFileResource || manifest.Find(r.Key) is not null) return;
        var entry = new ManifestEntry
        {
            Key = r.Key, Kind = r.Kind.ToString(), Path = r.Path, Component = r.Component, Role = r.Role,
            Created = change.Drift.Action == DriftAction.Create, RecordedAt = DateTimeOffset.UtcNow,
        };
        await RecordMissingAncestorsAsync(r, context, manifest, ct).ConfigureAwait(false);
        var current = change.Current;
        switch (r)
        {
            case FileResource or SymlinkResource when current is { Kind: PathKind.File }:
                entry.BackupFile = await BackupAsync(context.Target, store, r.Path!, current, runId, ct).ConfigureAwait(false);
                (entry.PreviousMode, entry.PreviousOwner, entry.PreviousGroup) = (current.Mode & FileModes.PermissionBits, current.Owner, current.Group);
                break;
            case FileResource or SymlinkResource when current is { Kind: PathKind.Symlink }:
                entry.PreviousLinkTarget = current.LinkTarget;
                break;
            case FileResource or SymlinkResource when current is { Kind: PathKind.Directory or PathKind.Other }:
                throw new IOException($"{r.Path} is a {current.Kind.ToString().ToLowerInvariant()}; refusing to replace it, move it away first");
            case DirectoryResource when current is { Kind: PathKind.Directory }:
                (entry.PreviousMode, entry.PreviousOwner, entry.PreviousGroup) = (current.Mode & FileModes.PermissionBits, current.Owner, current.Group);
                break;
            case SystemUserResource user:
                entry.Name = user.Name;
                break;
            case ServiceResource service:
                entry.Name = service.Name;
                break;
            case CmshSettingResource setting:
                entry.Name = setting.SettingKey;
                entry.Submode = setting.Submode;
                entry.PreviousValue = await setting.CurrentAsync(context, ct).ConfigureAwait(false);
                break;
            case ManagedBlockResource block:
                var info = await context.Target.StatAsync(block.Path, true, ct).ConfigureAwait(false);
                if (info.Kind == PathKind.File)
                {
                    entry.BackupFile = await BackupAsync(context.Target, store, block.Path, info, runId, ct).ConfigureAwait(false);
                    entry.RestoreBackupOnUninstall = false;
                }
                entry.AfterChange = ["env", $"SLURM_CONF={r.Path}", "scontrol", "reconfigure"];
                break;
        }
        manifest.Entries.Add(entry);
        await store.SaveAsync(manifest, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Directories that applying <paramref name="r"/> will create on the way (a script's folder in shared storage, the
    /// service supervisor's pid and log folders) are ours too: recorded outermost first, so that uninstall, which
    /// works newest first, removes them after their contents and only when they are empty.
    /// </summary>
    private static async Task RecordMissingAncestorsAsync(Resource r, ResourceContext context, Manifest manifest, CancellationToken ct)
    {
        var paths = new List<string>();
        if (r.Path is { } path) paths.Add(path);
        if (r is ServiceResource service && !await context.SystemdAsync(ct).ConfigureAwait(false))
            paths.AddRange([ServiceResource.PidFile(service.Name), ServiceResource.LogFile(service.Name)]);
        foreach (var owned in paths)
        {
            var missing = new List<string>();
            for (var dir = Path.GetDirectoryName(owned); dir is not null && dir != "/"; dir = Path.GetDirectoryName(dir))
            {
                if ((await context.Target.StatAsync(dir, false, ct).ConfigureAwait(false)).Kind != PathKind.Missing) break;
                missing.Add(dir);
            }
            for (var i = missing.Count - 1; i >= 0; i--)
            {
                var key = "directory:" + missing[i];
                if (manifest.Find(key) is not null) continue;
                manifest.Entries.Add(new ManifestEntry
                {
                    Key = key, Kind = nameof(ResourceKind.Directory), Path = missing[i], Component = r.Component, Role = r.Role,
                    Created = true, RecordedAt = DateTimeOffset.UtcNow,
                });
            }
        }
    }

    private static async Task<string> BackupAsync(IHostTarget target, ManifestStore store, string path, PathInfo current, string runId, CancellationToken ct)
    {
        var bytes = await target.ReadFileAsync(path, ct).ConfigureAwait(false) ?? throw new IOException($"{path} vanished while backing it up");
        var backup = store.BackupPathFor(runId, path);
        await store.Target.WriteFileAsync(backup, FileContent.FromBytes(bytes, $"backup of {path}"), FileModes.Private, "root", "root", ct).ConfigureAwait(false);
        return backup;
    }
}
