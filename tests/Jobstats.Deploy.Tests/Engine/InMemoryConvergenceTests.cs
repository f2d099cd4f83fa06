using Jobstats.Deploy.Engine;
using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Planning;
using Jobstats.Deploy.Resources;
using Jobstats.Deploy.Targets;
using Jobstats.Deploy.Tests.Support;
using Jobstats.Testing;

namespace Jobstats.Deploy.Tests.Engine;

/// <summary>
/// Plan and apply over several ssh hosts held in memory: the engine's bookkeeping (what changes, where shared files go,
/// convergence) without sshd or a filesystem per host.
/// </summary>
public sealed class InMemoryConvergenceTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly TempDirectory _root = new();
    private readonly InMemoryTargetFactory _hosts = new();

    private async Task<Deployment> DeploymentAsync()
    {
        var inventory = InventoryLoader.Parse($"""
            cluster: many
            roles: {"{"} compute: ['node[1-3]'] {"}"}
            target: {"{"} kind: ssh, manage_services: false {"}"}
            binaries: {"{"} jobstats_dir: {TestInventories.FakeBinaries(_root)} {"}"}
            """);
        return DeploymentBuilder.Build(inventory, await RoleResolver.ResolveAsync(inventory, null, Ct), TestAssets.Instance);
    }

    private async Task<Plan> PlanAsync() => await new Planner(_hosts, null).PlanAsync(await DeploymentAsync(), Ct);

    private async Task ApplyAsync() =>
        Assert.All(await new Applier(_hosts, null, new ApplyOptions { Parallelism = 4 }, SilentObserver.Instance).ApplyAsync(await DeploymentAsync(), Ct),
            r => Assert.True(r.Succeeded, r.Error));

    [Fact]
    public async Task Apply_converges_every_host_and_puts_shared_files_only_on_the_head_node()
    {
        Assert.True((await PlanAsync()).HasChanges);

        await ApplyAsync();

        var plan = await PlanAsync();
        Assert.False(plan.HasChanges, Harness.Pending(plan));
        foreach (var host in new[] { "node1", "node2", "node3" })
        {
            Assert.Equal(PathKind.File, _hosts[host]["/usr/local/bin/jobstats-exporter"].Kind);
            Assert.DoesNotContain(_hosts[host].Paths, path => path.StartsWith("/cm/shared/", StringComparison.Ordinal));
        }
        Assert.Equal(PathKind.File, _hosts["head-node"]["/cm/shared/apps/slurm/var/cm/prolog-jobstats.sh"].Kind);
    }

    [Fact]
    public async Task A_file_changed_on_one_host_is_the_only_change_planned()
    {
        await ApplyAsync();
        var exporter = _hosts["node2"]["/usr/local/bin/jobstats-exporter"];
        _hosts["node2"].Put("/usr/local/bin/jobstats-exporter", exporter with { Sha256 = new string('0', 64) });

        var plan = await PlanAsync();

        var change = Assert.Single(plan.Hosts.SelectMany(h => h.Changes.Where(c => c.Drift.Action != DriftAction.Ok).Select(c => (h.Host.Name, c))));
        Assert.Equal("node2", change.Name);
        Assert.Equal("/usr/local/bin/jobstats-exporter", change.c.Resource.Path);
    }

    public void Dispose() => _root.Dispose();
}
