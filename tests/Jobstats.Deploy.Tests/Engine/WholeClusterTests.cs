using Jobstats.Deploy.Bcm;
using Jobstats.Deploy.Components;
using Jobstats.Deploy.Engine;
using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Planning;
using Jobstats.Deploy.Resources;
using Jobstats.Deploy.Tests.Support;
using Jobstats.Deploy.Workflows;
using Jobstats.Processes;
using Jobstats.Testing;

namespace Jobstats.Deploy.Tests.Engine;

/// <summary>
/// One inventory for the whole cluster (<c>targets:</c>): the head node's roles onto this machine, a category's roles
/// into the software image cmsh names for it and nowhere else, each place keeping its own manifest.
/// </summary>
public sealed class WholeClusterTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly TempDirectory _root = new();
    private readonly FakeCmsh _cmsh;
    private readonly string _binaries;

    public WholeClusterTests()
    {
        _cmsh = TestInventories.WholeCluster(_root);
        _binaries = TestInventories.FakeBinaries(_root);
    }

    private Inventory Inventory(string roles = TestInventories.DefaultWholeClusterRoles, string more = "") =>
        InventoryLoader.Parse(TestInventories.WholeClusterYaml(_root, _cmsh.Program, _binaries, roles, more), "cluster.yaml");

    private Harness HarnessOf(Inventory inventory) => new(inventory, new CmshClient(_cmsh.Program, new ProcessRunner()));

    /// <summary>As jobstatsctl loads it: with the places that left the inventory.</summary>
    private static async Task<Deployment> LoadAsync(Harness harness) =>
        await Departures.AddAsync(await harness.DeploymentAsync(), harness.Targets, Ct);

    private static async Task<IReadOnlyList<HostApplyResult>> ApplyAsync(Harness harness) =>
        await new Applier(harness.Targets, new CmshClient(harness.Inventory.Bcm.Cmsh, new ProcessRunner()), new ApplyOptions(), SilentObserver.Instance).ApplyAsync(await LoadAsync(harness), Ct);

    private static async Task<Plan> PlanAsync(Harness harness) =>
        await new Planner(harness.Targets, new CmshClient(harness.Inventory.Bcm.Cmsh, new ProcessRunner())).PlanAsync(await LoadAsync(harness), Ct);

    [Fact]
    public async Task The_head_node_roles_go_to_the_local_target_and_the_category_roles_into_its_image_only()
    {
        var deployment = await HarnessOf(Inventory()).DeploymentAsync();

        Assert.Equal(["head-node", "head", "dgx-image"], deployment.Hosts.Select(h => h.Name));
        var head = deployment.Hosts[1];
        Assert.Equal((Placement.Host, TargetKind.Local, $"{_root.Path}/head"), (head.Placement, head.Target!.Kind, head.Target.Root));
        Assert.Equal(["controller", "prometheus", "grafana"], head.Roles);
        var image = deployment.Hosts[2];
        Assert.Equal((Placement.Image, $"{_root.Path}/images/dgx-image"), (image.Placement, image.Target!.Root));
        Assert.Equal(["dgx"], image.Categories);
        Assert.Equal(["compute"], image.Roles);
        // The image holds the compute role's files and nothing of the head node's.
        Assert.Contains(image.Resources, r => r.Path == "/usr/local/bin/jobstats-exporter");
        Assert.All(image.Resources, r => Assert.Equal(RoleNames.Compute, r.Role));
        Assert.DoesNotContain(image.Resources, r => r.Path is Layout.PrometheusConfig or Layout.SlurmctldEpilog or Layout.InventoryCopy);
        Assert.DoesNotContain(image.Resources, r => r.Component is ComponentNames.Prometheus or ComponentNames.RefreshTargets or ComponentNames.SlurmctldEpilog);
        Assert.Contains(head.Resources, r => r.Path == Layout.PrometheusConfig);
        Assert.Contains(head.Resources, r => r.Path == Layout.TimerUnit(RefreshTargetsComponent.Unit));
        Assert.DoesNotContain(head.Resources, r => r.Path == "/usr/local/bin/jobstats-exporter");
        // The file_sd lists (shared storage) name the category's nodes, found through cmsh.
        var list = deployment.Hosts[0].Resources.OfType<FileResource>().Single(f => f.Path.EndsWith(Layout.ExporterTargets, StringComparison.Ordinal));
        Assert.Contains("\"dgx-002:9306\"", System.Text.Encoding.UTF8.GetString(list.Content.Bytes));
        Assert.Contains("category; use dgx; get softwareimage", _cmsh.Transcript);
        Assert.Contains("softwareimage; use dgx-image; get path", _cmsh.Transcript);
    }

    [Fact]
    public async Task An_image_given_by_name_or_root_is_not_looked_up_and_an_unknown_category_image_fails_clearly()
    {
        var byName = await HarnessOf(Inventory(more: "  categories: { dgx: { image: dgx-image } }")).DeploymentAsync();
        Assert.Equal("dgx-image", byName.Hosts.Single(h => h.Placement == Placement.Image).Name);
        Assert.DoesNotContain("category; use dgx; get softwareimage", _cmsh.Transcript);

        var byRoot = await HarnessOf(Inventory(more: $"  categories: {{ dgx: {{ root: {_root.Path}/images/other }} }}")).DeploymentAsync();
        Assert.Equal($"{_root.Path}/images/other", byRoot.Hosts.Single(h => h.Placement == Placement.Image).Target!.Root);
        Assert.DoesNotContain(_cmsh.Transcript, l => l.StartsWith("softwareimage", StringComparison.Ordinal) && !l.Contains("dgx-image", StringComparison.Ordinal));

        var e = await Assert.ThrowsAsync<CmshException>(() => HarnessOf(Inventory(more: "  categories: { dgx: { image: gone-image } }")).DeploymentAsync());
        Assert.Contains("softwareimage gone-image not found", e.Message);
    }

    [Fact]
    public async Task Apply_converges_each_target_with_its_own_manifest_and_a_dropped_role_is_removed_from_its_target_only()
    {
        var harness = HarnessOf(Inventory());
        Assert.All(await ApplyAsync(harness), r => Assert.True(r.Succeeded, r.Error));
        Assert.True(File.Exists(_root["/images/dgx-image/usr/local/bin/jobstats-exporter"]));
        Assert.False(File.Exists(_root["/images/dgx-image/etc/prometheus/prometheus.yml"]));
        Assert.True(File.Exists(_root["/head/etc/prometheus/prometheus.yml"]));
        Assert.True(File.Exists(_root["/head/var/lib/jobstatsctl/manifest.json"]));
        Assert.True(File.Exists(_root["/head/var/lib/jobstatsctl/head-node/manifest.json"]));
        Assert.True(File.Exists(_root["/head/var/lib/jobstatsctl/images/dgx-image/manifest.json"]));
        Assert.False(Directory.Exists(_root["/images/dgx-image/var/lib/jobstatsctl"]));
        Assert.Equal("", Harness.Pending(await PlanAsync(harness)));

        var withoutGrafana = HarnessOf(Inventory("  controller: [head]\n  prometheus: [head]\n  compute: ['category:dgx']"));
        var plan = await PlanAsync(withoutGrafana);
        // The timer's copy of the inventory follows the inventory; everything else planned is the role's removal.
        var pending = plan.Hosts.SelectMany(h => h.Changes.Where(c => c.Drift.Action != DriftAction.Ok && c.Resource.Path != Layout.InventoryCopy)
            .Select(c => (h.Host.Name, c.Drift.Action, c.Resource.Role))).ToList();
        Assert.NotEmpty(pending);
        Assert.All(pending, p => Assert.Equal(("head", DriftAction.Remove, RoleNames.Grafana), p));
        Assert.All(await ApplyAsync(withoutGrafana), r => Assert.True(r.Succeeded, r.Error));
        var grafana = (await harness.DeploymentAsync()).Hosts.SelectMany(h => h.Resources).Where(r => r.Role == RoleNames.Grafana && r.Path is not null).ToList();
        Assert.NotEmpty(grafana);
        Assert.All(grafana, r => Assert.False(Path.Exists(_root["/head" + r.Path]), r.Path));
        Assert.True(File.Exists(_root["/images/dgx-image/usr/local/bin/jobstats-exporter"]));
        Assert.Equal("", Harness.Pending(await PlanAsync(withoutGrafana)));
    }

    [Fact]
    public async Task A_category_dropped_from_the_inventory_has_its_image_emptied_and_forgotten()
    {
        Assert.All(await ApplyAsync(HarnessOf(Inventory())), r => Assert.True(r.Succeeded, r.Error));
        var registry = File.ReadAllText(_root["/head/var/lib/jobstatsctl/hosts.json"]);
        Assert.Contains($"{_root.Path}/images/dgx-image", registry);

        var headOnly = HarnessOf(Inventory("  controller: [head]\n  prometheus: [head]\n  grafana: [head]"));
        var plan = await PlanAsync(headOnly);
        var image = Assert.Single(plan.Hosts, h => h.Host.Placement == Placement.Image);
        Assert.True(image.Host.Departed);
        Assert.Contains(image.Changes, c => c.Resource.Path == "/usr/local/bin/jobstats-exporter" && c.Drift.Action == DriftAction.Remove);
        Assert.All(await ApplyAsync(headOnly), r => Assert.True(r.Succeeded, r.Error));
        Assert.False(File.Exists(_root["/images/dgx-image/usr/local/bin/jobstats-exporter"]));
        Assert.True(Directory.Exists(_root["/images/dgx-image/etc"]));
        Assert.False(File.Exists(_root["/head/var/lib/jobstatsctl/hosts.json"]));
        Assert.Equal("", Harness.Pending(await PlanAsync(headOnly)));
    }

    [Fact]
    public async Task Uninstall_empties_every_target_of_the_one_inventory_and_forgets_them()
    {
        var harness = HarnessOf(Inventory());
        Assert.All(await ApplyAsync(harness), r => Assert.True(r.Succeeded, r.Error));
        var removed = await new Uninstaller(harness.Targets, new CmshClient(_cmsh.Program, new ProcessRunner()), _ => { }).UninstallAsync(await LoadAsync(harness), Ct);
        Assert.Equal(["dgx-image", "head", "head-node"], removed.Select(r => r.Host).Order(StringComparer.Ordinal));
        Assert.All(removed, r => Assert.True(r.Succeeded, r.Error));
        Assert.False(File.Exists(_root["/images/dgx-image/usr/local/bin/jobstats-exporter"]));
        Assert.False(File.Exists(_root["/head/etc/prometheus/prometheus.yml"]));
        Assert.False(File.Exists(_root["/head/etc/jobstats/jobstatsctl-inventory.yaml"]));
        Assert.False(Directory.Exists(_root["/head/var/lib/jobstatsctl"]));
        Assert.True(Directory.Exists(_root["/images/dgx-image/etc"]));
    }

    [Fact]
    public async Task The_audit_of_a_category_takes_the_image_the_inventory_resolved_and_only_the_category_roles()
    {
        var file = _root.Combine("cluster.yaml");
        File.WriteAllText(file, TestInventories.WholeClusterYaml(_root, _cmsh.Program, _binaries));
        var plan = await new DeploymentAuditPlanSource().LoadAsync(file, "dgx", offline: false, Ct);
        Assert.Equal(("dgx", "dgx-image", $"{_root.Path}/images/dgx-image"), (plan.Category, plan.ImageName, plan.ImageRoot));
        Assert.Equal([RoleNames.Compute], plan.Roles);
        Assert.Contains(plan.Paths, p => p.Path == "/usr/local/bin/jobstats-exporter");
        Assert.DoesNotContain(plan.Paths, p => p.Path is Layout.PrometheusConfig or Layout.SlurmctldEpilog);

        // Offline (no cmsh asked): a category without a given image stands for /cm/images/NAME, as the option says.
        var offline = await new DeploymentAuditPlanSource().LoadAsync(file, "dgx", offline: true, Ct);
        Assert.Equal("/cm/images/dgx", offline.ImageRoot);
    }

    public void Dispose()
    {
        _cmsh.Dispose();
        _root.Dispose();
    }
}
