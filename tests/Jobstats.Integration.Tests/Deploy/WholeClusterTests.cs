using Jobstats.Deploy.Bcm;
using Jobstats.Deploy.Engine;
using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Planning;
using Jobstats.Deploy.Resources;
using Jobstats.Deploy.Workflows;
using Jobstats.Processes;
using Jobstats.Testing;

namespace Jobstats.Integration.Tests.Deploy;

/// <summary>
/// One inventory for a whole BCM cluster, as an admin runs it from the head node: the head node's roles onto this
/// machine (under a temp root), category dgx's compute role into the software image cmsh names for it (a directory
/// tree; cmsh faked), and a login host over a real sshd. The same library calls jobstatsctl makes, loaded as it
/// loads an inventory file.
/// </summary>
public sealed class WholeClusterTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly TempDirectory _dir = new("jobstats-whole-cluster-");
    private readonly SshServer _sshd = new();
    private readonly FakeCmsh _cmsh;
    private readonly string _inventory;

    public WholeClusterTests()
    {
        var published = _dir.Combine("published");
        Directory.CreateDirectory(published);
        foreach (var name in new[] { "jobstats", "jobstats-fleet", "jobstats-summaries", "jobstats-exporter" }) File.WriteAllText(Path.Combine(published, name), $"#!/bin/sh\necho {name}\n");
        _dir.Write("/head/etc/passwd", "root:x:0:0:root:/root:/bin/bash\nslurm:x:450:450::/var/lib/slurm:/bin/false\n");
        _dir.Write("/head/etc/group", "root:x:0:\nslurm:x:450:\n");
        Directory.CreateDirectory(_dir["/images/dgx-image/etc"]);
        _cmsh = new FakeCmsh("category.dgx.nodes=dgx-001,dgx-002", "category.dgx.softwareimage=dgx-image", $"image.dgx-image.path={_dir.Path}/images/dgx-image");
        _inventory = _dir.Combine("cluster.yaml");
        WriteInventory(Roles);
    }

    private const string Roles = "  controller: [head]\n  prometheus: [head]\n  grafana: [head]\n  compute: ['category:dgx']\n  login: [127.0.0.1]";

    private void WriteInventory(string roles) => File.WriteAllText(_inventory, $"""
        cluster: dgxcluster
        bcm: {"{"} enabled: true, head_node: head, cmsh: {_cmsh.Program} {"}"}
        slurm: {"{"} conf: /cm/shared/apps/slurm/var/etc/slurm.conf, settings_via: cmsh {"}"}
        roles:
        {roles}
        targets:
          state_dir: /var/lib/jobstatsctl
          head_node: {"{"} root: {_dir.Path}/head, manage_services: false {"}"}
          ssh:
            root: {_sshd.Directory}/login
            manage_services: false
            port: {_sshd.Port}
            identity_file: {_sshd.IdentityFile}
            known_hosts_file: {_sshd.KnownHostsFile}
        prometheus: {"{"} mode: new {"}"}
        binaries: {"{"} jobstats_dir: {_dir.Path}/published {"}"}
        """);

    private Task<LoadedDeployment> LoadAsync() => DeploymentLoader.LoadAsync(_inventory, Ct);

    private static async Task<Plan> PlanAsync(LoadedDeployment loaded) =>
        await new Planner(loaded.Targets, loaded.Cmsh, loaded.Inventory.SshTarget.Ssh.Parallelism).PlanAsync(loaded.Deployment, Ct);

    private static async Task<IReadOnlyList<HostApplyResult>> ApplyAsync(LoadedDeployment loaded, ApprovedPlan? approved = null) =>
        await new Applier(loaded.Targets, loaded.Cmsh, new ApplyOptions { Approved = approved }, SilentObserver.Instance).ApplyAsync(loaded.Deployment, Ct);

    private static IEnumerable<(string Host, DriftAction Action, string Key)> Pending(Plan plan) =>
        plan.Hosts.SelectMany(h => h.Changes.Where(c => c.Drift.Action != DriftAction.Ok).Select(c => (h.Host.Name, c.Drift.Action, c.Resource.Key)));

    [Fact]
    public async Task One_inventory_plans_applies_converges_removes_a_role_and_refuses_a_drifted_saved_plan()
    {
        // Plan: every place with its own target, nothing written yet.
        var loaded = await LoadAsync();
        var plan = await PlanAsync(loaded);
        Assert.False(plan.HasErrors, string.Join("\n", plan.Hosts.Select(h => h.Error)));
        Assert.Equal(["head-node", "head", "dgx-image", "127.0.0.1"], plan.Hosts.Select(h => h.Host.Name));
        Assert.Equal([Placement.HeadNode, Placement.Host, Placement.Image, Placement.Host], plan.Hosts.Select(h => h.Host.Placement));
        Assert.All(plan.Hosts, h => Assert.Contains(h.Changes, c => c.Drift.Action == DriftAction.Create));
        Assert.False(Directory.Exists(_dir["/head/etc/prometheus"]));

        // Apply: the head node's roles locally, the compute role into the image only, login over ssh.
        Assert.All(await ApplyAsync(loaded), r => Assert.True(r.Succeeded, $"{r.Host}: {r.Error}"));
        var login = $"{_sshd.Directory}/login";
        Assert.True(File.Exists(_dir["/head/etc/prometheus/prometheus.yml"]));
        Assert.True(File.Exists(_dir["/head/etc/systemd/system/jobstats-refresh-targets.timer"]));
        Assert.True(File.Exists(_dir["/images/dgx-image/usr/local/bin/jobstats-exporter"]));
        Assert.False(Path.Exists(_dir["/images/dgx-image/etc/prometheus"]));
        Assert.False(Path.Exists(_dir["/images/dgx-image/etc/systemd/system/jobstats-refresh-targets.timer"]));
        Assert.False(Path.Exists(_dir["/images/dgx-image/cm/shared"]));
        Assert.True(File.Exists(_dir["/head/cm/shared/apps/slurm/var/cm/slurmctld-epilog-jobstats.sh"]));
        Assert.Equal("#!/bin/sh\necho jobstats\n", File.ReadAllText($"{login}/usr/local/bin/jobstats"));
        Assert.False(Path.Exists($"{login}/usr/local/bin/jobstats-exporter"));
        Assert.Contains("\"dgx-002:9306\"", File.ReadAllText(_dir["/head/cm/shared/apps/jobstats/prometheus-targets/jobstats-exporter.json"]));
        // Each place keeps its own manifest: the login host on itself, the image's on the head node.
        Assert.True(File.Exists($"{login}/var/lib/jobstatsctl/manifest.json"));
        Assert.True(File.Exists(_dir["/head/var/lib/jobstatsctl/images/dgx-image/manifest.json"]));
        Assert.True(File.Exists(_dir["/head/var/lib/jobstatsctl/manifest.json"]));

        // A second apply changes nothing anywhere.
        var again = await ApplyAsync(await LoadAsync());
        Assert.All(again, r => Assert.True(r.Succeeded, r.Error));
        Assert.Equal(0, again.Sum(r => r.Changed));

        // Grafana and the login role dropped: their files are planned as removals, on their targets only, then removed.
        WriteInventory("  controller: [head]\n  prometheus: [head]\n  compute: ['category:dgx']");
        var smaller = await LoadAsync();
        var removals = Pending(await PlanAsync(smaller)).Where(p => p.Key != "file:/etc/jobstats/jobstatsctl-inventory.yaml").ToList();
        Assert.Contains(removals, p => p is ("127.0.0.1", DriftAction.Remove, "file:/usr/local/bin/jobstats"));
        Assert.Contains(removals, p => p.Host == "head" && p.Key.Contains("grafana", StringComparison.Ordinal));
        Assert.All(removals, p => Assert.Equal(DriftAction.Remove, p.Action));
        Assert.DoesNotContain(removals, p => p.Host == "dgx-image");
        Assert.All(await ApplyAsync(smaller), r => Assert.True(r.Succeeded, $"{r.Host}: {r.Error}"));
        Assert.False(Path.Exists($"{login}/usr/local/bin/jobstats"));
        Assert.False(Path.Exists($"{login}/var/lib/jobstatsctl/manifest.json"));
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(_dir.Path + "/head", "*", SearchOption.AllDirectories), p => p.Contains("grafana", StringComparison.Ordinal) && File.Exists(p));
        Assert.True(File.Exists(_dir["/images/dgx-image/usr/local/bin/jobstats-exporter"]));
        Assert.Empty(Pending(await PlanAsync(await LoadAsync())));

        // A saved plan (login back) is refused where the state moved after it was saved.
        WriteInventory(Roles);
        var saved = _dir.Combine("cluster.plan");
        await SavedPlan.SaveAsync(await PlanAsync(await LoadAsync()), _inventory, saved, Ct);
        Directory.CreateDirectory($"{login}/usr/local/bin");
        File.WriteAllText($"{login}/usr/local/bin/jobstats", "#!/bin/sh\necho someone else's\n");
        var results = await ApplyAsync(await LoadAsync(), ApprovedPlan.From(await SavedPlan.LoadAsync(saved, Ct)));
        var refused = Assert.Single(results, r => !r.Succeeded);
        Assert.Equal("127.0.0.1", refused.Host);
        Assert.Contains("state moved since the plan was shown", refused.Error);
        Assert.Contains("file:/usr/local/bin/jobstats", refused.Error);
        Assert.Equal("#!/bin/sh\necho someone else's\n", File.ReadAllText($"{login}/usr/local/bin/jobstats"));
    }

    public void Dispose()
    {
        _sshd.Dispose();
        _cmsh.Dispose();
        _dir.Dispose();
    }
}
