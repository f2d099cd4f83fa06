using Jobstats.Deploy.Bcm;
using Jobstats.Deploy.Components;
using Jobstats.Deploy.Resources;
using Jobstats.Deploy.Targets;

namespace Jobstats.Deploy.Workflows;

/// <summary>
/// <c>jobstatsctl refresh-targets</c>: the Prometheus file_sd lists rewritten from BCM's current category membership,
/// and nothing else. Membership is resolved (through cmsh) before anything is touched, so a cmsh failure leaves the
/// lists as they were; each list is replaced atomically and only when its content changed, so Prometheus, which
/// re-reads file_sd on its own, sees either the old or the new list.
/// </summary>
public static class TargetRefresh
{
    /// <summary>Loads the deployment as every command does (categories asked of cmsh) and rewrites the lists that changed.</summary>
    /// <exception cref="CmshException">cmsh failed; nothing was written.</exception>
    public static async Task<IReadOnlyList<RefreshedList>> RunAsync(string inventoryPath, CancellationToken ct)
    {
        LoadedDeployment loaded;
        try
        {
            loaded = await DeploymentLoader.LoadAsync(inventoryPath, ct).ConfigureAwait(false);
        }
        catch (CmshException e)
        {
            throw new CmshException($"{e.Message}; the Prometheus targets were left as they were");
        }
        return await RewriteAsync(loaded, ct).ConfigureAwait(false);
    }

    public static async Task<IReadOnlyList<RefreshedList>> RewriteAsync(LoadedDeployment loaded, CancellationToken ct)
    {
        var places = loaded.Deployment.Hosts
            .Select(h => (Host: h, Lists: h.Resources.OfType<FileResource>().Where(r => r.Component == ComponentNames.PrometheusTargets).ToList()))
            .Where(p => p.Lists.Count > 0).ToList();
        if (places.Count == 0) throw new UsageException("the inventory deploys no Prometheus targets: no host has the prometheus role");
        var refreshed = new List<RefreshedList>();
        foreach (var (host, lists) in places)
        {
            var target = loaded.Targets.Open(host);
            await using var disposeTarget = target.ConfigureAwait(false);
            // Every list is checked before any is written: all or none.
            var current = await target.StatManyAsync(lists.Select(l => l.Path).ToList(), [], ct).ConfigureAwait(false);
            for (var i = 0; i < lists.Count; i++)
                if (current.Paths[i].Kind != PathKind.File)
                    throw new IOException($"{lists[i].Path} on {host.Name} is not there: refresh-targets rewrites only what apply deployed; run jobstatsctl apply first");
            for (var i = 0; i < lists.Count; i++)
            {
                var list = lists[i];
                var changed = current.Paths[i].Sha256 != list.Content.Sha256;
                if (changed) await target.WriteFileAsync(list.Path, list.Content, list.Mode!.Value, list.Owner, list.Group, ct).ConfigureAwait(false);
                refreshed.Add(new RefreshedList(host.Name, list.Path, list.Content.Description, changed));
            }
        }
        return refreshed;
    }
}

/// <summary>One file_sd list: where it is, what it now lists, and whether it was rewritten.</summary>
public sealed record RefreshedList(string Host, string Path, string Description, bool Rewritten);
