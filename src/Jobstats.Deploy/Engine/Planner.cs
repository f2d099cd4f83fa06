using Jobstats.Deploy.Bcm;
using Jobstats.Deploy.Planning;
using Jobstats.Deploy.Resources;
using Jobstats.Deploy.Targets;

namespace Jobstats.Deploy.Engine;

/// <summary>Reads every host's current state and compares it with the deployment: the plan. Changes nothing.</summary>
public sealed class Planner(ITargetFactory targets, CmshClient? cmsh, int parallelism = 16)
{
    public async Task<Plan> PlanAsync(Deployment deployment, CancellationToken ct)
    {
        var results = new HostPlan[deployment.Hosts.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, deployment.Hosts.Count),
            new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct },
            async (i, token) =>
            {
                var host = deployment.Hosts[i];
                var target = targets.Open(host);
                await using var disposeTarget = target.ConfigureAwait(false);
                results[i] = await PlanHostAsync(deployment, host, target, _ => { }, token).ConfigureAwait(false);
            }).ConfigureAwait(false);
        return new Plan(deployment, results);
    }

    public async Task<HostPlan> PlanHostAsync(Deployment deployment, HostDeployment host, IHostTarget target, Action<string> log, CancellationToken ct)
    {
        try
        {
            var store = targets.StateFor(host, target);
            var context = new ResourceContext(target, deployment.Inventory, cmsh, log) { StateTarget = store.Target };
            var pathResources = host.Resources.Where(r => r.Path is not null && r is not ManagedBlockResource).ToList();
            var (states, stale) = await StaleTempFileScan.StatAsync(target, store, pathResources.Select(r => r.Path!).ToList(),
                host.Resources.SelectMany(StaleTempFileScan.WrittenBy), ct).ConfigureAwait(false);
            var current = new Dictionary<string, PathInfo>(StringComparer.Ordinal);
            for (var i = 0; i < pathResources.Count; i++) current[pathResources[i].Key] = states[i];

            // Leftovers of a killed run go first: nothing is written next to them before they are gone.
            var changes = new List<PlannedChange>();
            foreach (var leftover in stale) changes.Add(new PlannedChange(leftover, await leftover.InspectAsync(context, null, ct).ConfigureAwait(false), null));
            foreach (var resource in host.Resources)
            {
                var info = current.GetValueOrDefault(resource.Key);
                changes.Add(new PlannedChange(resource, await resource.InspectAsync(context, info, ct).ConfigureAwait(false), info));
            }
            foreach (var removal in await RemovalsAsync(deployment, host, store, ct).ConfigureAwait(false))
                changes.Add(new PlannedChange(removal, await removal.InspectAsync(context, null, ct).ConfigureAwait(false), null));
            // A running service whose unit, binary or config changes must be restarted to pick it up.
            var changed = changes.Where(c => c.Drift.Action != DriftAction.Ok).Select(c => c.Resource.Key).ToHashSet(StringComparer.Ordinal);
            for (var i = 0; i < changes.Count; i++)
                if (changes[i] is { Resource: ServiceResource service, Drift.Action: DriftAction.Ok }
                    && service.RestartWhenChanged.FirstOrDefault(changed.Contains) is { } cause)
                    changes[i] = changes[i] with { Drift = Drift.Change($"restart: {cause} changes") };
            return new HostPlan(host, changes, null);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or CmshException or UnauthorizedAccessException or InvalidDataException)
        {
            return new HostPlan(host, [], e.Message);
        }
    }

    /// <summary>
    /// What the host's manifest records that the deployment no longer has, newest first (the order uninstall undoes
    /// in). A folder we created stays while anything still wanted lives below it.
    /// </summary>
    private static async Task<List<RemovedResource>> RemovalsAsync(Deployment deployment, HostDeployment host, State.ManifestStore store, CancellationToken ct)
    {
        var manifest = await store.LoadAsync(deployment.Inventory.Cluster, host.Name, ct).ConfigureAwait(false);
        var wanted = host.Resources.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        var wantedPaths = host.Resources.Select(r => r.Path).OfType<string>()
            .Concat(host.Resources.OfType<ServiceResource>().SelectMany(s => new[] { ServiceResource.PidFile(s.Name), ServiceResource.LogFile(s.Name) }))
            .ToList();
        var removals = new List<RemovedResource>();
        for (var i = manifest.Entries.Count - 1; i >= 0; i--)
        {
            var entry = manifest.Entries[i];
            if (wanted.Contains(entry.Key)) continue;
            if (entry is { Kind: nameof(ResourceKind.Directory), Path: { } dir } && wantedPaths.Any(p => p.StartsWith(dir.TrimEnd('/') + "/", StringComparison.Ordinal))) continue;
            removals.Add(new RemovedResource(entry) { Component = entry.Component, Role = entry.Role });
        }
        return removals;
    }
}
