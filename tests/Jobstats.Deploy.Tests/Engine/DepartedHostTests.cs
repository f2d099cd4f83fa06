using Jobstats.Deploy.Engine;
using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Planning;
using Jobstats.Deploy.Resources;
using Jobstats.Deploy.Tests.Support;
using Jobstats.Testing;

namespace Jobstats.Deploy.Tests.Engine;

/// <summary>
/// A host dropped from the inventory keeps its manifest on itself; the head node's list of hosts deployed to brings
/// it back into the plan as a host to empty, apply empties it and forgets it, and uninstall reaches it too.
/// </summary>
public sealed class DepartedHostTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly TempDirectory _root = new();

    private async Task<(Deployment Deployment, ITargetFactory Targets)> LoadAsync(string hosts)
    {
        var inventory = InventoryLoader.Parse($"""
            cluster: many
            roles: {"{"} compute: ['{hosts}'] {"}"}
            target: {"{"} kind: ssh, manage_services: false {"}"}
            binaries: {"{"} jobstats_dir: {TestInventories.FakeBinaries(_root)} {"}"}
            """);
        var targets = new HostFailureIsolationTests.PerHostRoots(_root, inventory);
        var deployment = DeploymentBuilder.Build(inventory, await RoleResolver.ResolveAsync(inventory, null, Ct), TestAssets.Instance);
        return (await Departures.AddAsync(deployment, targets, Ct), targets);
    }

    private static async Task<IReadOnlyList<HostApplyResult>> ApplyAsync((Deployment Deployment, ITargetFactory Targets) loaded) =>
        await new Applier(loaded.Targets, null, new ApplyOptions(), SilentObserver.Instance).ApplyAsync(loaded.Deployment, Ct);

    private string Exporter(string host) => _root[$"/hosts/{host}/usr/local/bin/jobstats-exporter"];

    [Fact]
    public async Task A_host_dropped_from_the_inventory_is_planned_empty_emptied_by_apply_and_forgotten()
    {
        Assert.All(await ApplyAsync(await LoadAsync("node[1-3]")), r => Assert.True(r.Succeeded, r.Error));
        Assert.Contains("\"node3\"", File.ReadAllText(_root["/head/var/lib/jobstatsctl/hosts.json"]));

        var smaller = await LoadAsync("node[1-2]");
        var gone = Assert.Single(smaller.Deployment.Hosts, h => h.Departed);
        Assert.Equal("node3", gone.Name);
        var plan = await new Planner(smaller.Targets, null).PlanAsync(smaller.Deployment, Ct);
        var node3 = plan.Hosts.Single(h => h.Host.Name == "node3");
        Assert.Contains(node3.Changes, c => c.Resource.Path == "/usr/local/bin/jobstats-exporter" && c.Drift.Action == DriftAction.Remove);
        Assert.All(node3.Changes, c => Assert.Equal(DriftAction.Remove, c.Drift.Action));
        Assert.All(plan.Hosts.Where(h => h.Host.Name is "node1" or "node2"), h => Assert.DoesNotContain(h.Changes, c => c.Drift.Action == DriftAction.Remove));

        Assert.All(await ApplyAsync(smaller), r => Assert.True(r.Succeeded, r.Error));
        Assert.False(File.Exists(Exporter("node3")));
        Assert.False(File.Exists(_root["/hosts/node3/var/lib/jobstatsctl/manifest.json"]));
        Assert.True(File.Exists(Exporter("node2")));
        Assert.DoesNotContain("node3", File.ReadAllText(_root["/head/var/lib/jobstatsctl/hosts.json"]));
        Assert.DoesNotContain((await LoadAsync("node[1-2]")).Deployment.Hosts, h => h.Departed);
    }

    [Fact]
    public async Task Uninstall_reaches_hosts_that_left_the_inventory_and_then_keeps_no_list()
    {
        Assert.All(await ApplyAsync(await LoadAsync("node[1-3]")), r => Assert.True(r.Succeeded, r.Error));
        var (deployment, targets) = await LoadAsync("node1");
        var results = await new Uninstaller(targets, null, _ => { }).UninstallAsync(deployment, Ct);
        Assert.All(results, r => Assert.True(r.Succeeded, r.Error));
        Assert.Equal(["node1", "node2", "node3", "head-node"], results.Select(r => r.Host));
        Assert.All(new[] { "node1", "node2", "node3" }, h => Assert.False(File.Exists(Exporter(h)), h));
        Assert.False(File.Exists(_root["/head/var/lib/jobstatsctl/hosts.json"]));
    }

    public void Dispose() => _root.Dispose();
}
