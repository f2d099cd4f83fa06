using Jobstats.Deploy.Engine;
using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Planning;
using Jobstats.Deploy.State;
using Jobstats.Deploy.Targets;
using Jobstats.Deploy.Tests.Support;
using Jobstats.Processes;
using Jobstats.Testing;

namespace Jobstats.Deploy.Tests.Engine;

public class HostFailureIsolationTests
{
    /// <summary>Each host is a directory under the temp root; host "broken" has a plain file where its root should be.</summary>
    internal sealed class PerHostRoots(TempDirectory root, Inventory inventory) : ITargetFactory
    {
        public IHostTarget Open(HostDeployment host) => host.Placement == Placement.HeadNode
            ? new LocalTarget(host.Name, root["/head"], TargetKind.Local, false, new ProcessRunner())
            : new LocalTarget(host.Name, root["/hosts/" + host.Name], TargetKind.Local, false, new ProcessRunner());

        public ManifestStore StateFor(HostDeployment host, IHostTarget opened) => new(opened, inventory.Target.StateDir);

        public IHostTarget OpenControl() => new LocalTarget("head-node", root["/head"], TargetKind.Local, false, new ProcessRunner());
    }

    [Fact]
    public async Task A_failing_host_is_reported_and_the_others_still_converge()
    {
        using var root = new TempDirectory();
        var inventory = InventoryLoader.Parse($"""
            cluster: many
            roles: {"{"} compute: ['node[1-3]', broken] {"}"}
            target: {"{"} kind: ssh, manage_services: false {"}"}
            binaries: {"{"} jobstats_dir: {TestInventories.FakeBinaries(root)} {"}"}
            """);
        Directory.CreateDirectory(root["/hosts"]);
        File.WriteAllText(root["/hosts/broken"], "not a directory");
        var deployment = DeploymentBuilder.Build(inventory, await RoleResolver.ResolveAsync(inventory, null, TestContext.Current.CancellationToken), TestAssets.Instance);
        var factory = new PerHostRoots(root, inventory);

        var results = await new Applier(factory, null, new ApplyOptions { Parallelism = 4 }, SilentObserver.Instance).ApplyAsync(deployment, TestContext.Current.CancellationToken);

        Assert.Equal(["head-node", "node1", "node2", "node3", "broken"], results.Select(r => r.Host));
        Assert.False(results.Single(r => r.Host == "broken").Succeeded);
        Assert.All(results.Where(r => r.Host != "broken"), r => Assert.True(r.Succeeded, r.Error));
        foreach (var host in new[] { "node1", "node2", "node3" })
            Assert.True(File.Exists(root[$"/hosts/{host}/usr/local/bin/jobstats-exporter"]));
        // Shared files are written once, on the head node, not per host.
        Assert.True(File.Exists(root["/head/cm/shared/apps/slurm/var/cm/prolog-jobstats.sh"]));
        Assert.False(Directory.Exists(root["/hosts/node1/cm/shared"]));
    }
}
