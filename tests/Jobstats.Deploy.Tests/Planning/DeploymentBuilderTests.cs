using Jobstats.Deploy.Components;
using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Planning;
using Jobstats.Deploy.Resources;
using Jobstats.Deploy.Tests.Support;

namespace Jobstats.Deploy.Tests.Planning;

public class DeploymentBuilderTests
{
    private static async Task<Deployment> BuildAsync(string target, string roles, string prometheusMode = "new")
    {
        var inventory = InventoryLoader.Parse($"""
            cluster: c1
            roles:
            {roles}
            target: {target}
            prometheus: {"{"} mode: {prometheusMode} {"}"}
            binaries: {"{"} jobstats_dir: /opt/jobstats {"}"}
            """);
        return DeploymentBuilder.Build(inventory, await RoleResolver.ResolveAsync(inventory, null, TestContext.Current.CancellationToken), TestAssets.Instance);
    }

    [Fact]
    public async Task Image_placement_keeps_shared_storage_on_the_head_node_and_reports_owned_paths_for_the_audit()
    {
        var d = await BuildAsync("{ kind: image, root: /cm/images/dgx-image }", "  compute: ['dgx-[001-004]']");
        var paths = d.OwnedPaths.ToList();
        Assert.All(paths.Where(p => p.IsSharedStorage), p => Assert.Equal(Placement.HeadNode, p.Placement));
        Assert.All(paths.Where(p => !p.IsSharedStorage), p => Assert.Equal(Placement.Image, p.Placement));
        var exporter = Assert.Single(paths, p => p.Path == "/usr/local/bin/jobstats-exporter");
        Assert.Equal(("root", "root", FileModes.Executable, ComponentNames.Exporter, "compute", ResourceKind.File), (exporter.Owner, exporter.Group, exporter.Mode, exporter.Component, exporter.Role, exporter.Kind));
        Assert.Contains(paths, p => p.Path == $"{Layout.PrologDir}/60-prolog-jobstats.sh" && p.Kind == ResourceKind.Symlink && p.Placement == Placement.Image);
        Assert.Equal("dgx-image", d.Hosts.Single(h => h.Placement == Placement.Image).Name);
    }

    [Fact]
    public async Task Ssh_placement_gives_each_host_only_its_roles_and_dedupes_shared_needs()
    {
        var d = await BuildAsync("{ kind: ssh }", "  compute: ['dgx-[01-03]']\n  login: [login1]\n  controller: [login1]\n  prometheus: [mon1]");
        Assert.Equal(["head-node", "dgx-01", "dgx-02", "dgx-03", "login1", "mon1"], d.Hosts.Select(h => h.Name));
        var login = d.Hosts.Single(h => h.Name == "login1");
        Assert.Single(login.Resources, r => r.Path == "/usr/local/bin/jobstats");
        Assert.DoesNotContain(login.Resources, r => r.Path == "/usr/local/bin/jobstats-exporter");
        var mon = d.Hosts.Single(h => h.Name == "mon1");
        Assert.Contains(mon.Resources, r => r.Path == Layout.PrometheusConfig);
        Assert.Contains(mon.Resources, r => r is ServiceResource { Name: "prometheus" });
        Assert.DoesNotContain(d.Hosts.Where(h => h.Placement == Placement.Host).SelectMany(h => h.Resources), r => r.Path is { } p && Layout.IsShared(p));
        var targets = d.Hosts[0].Resources.OfType<FileResource>().Single(f => f.Path.EndsWith(Layout.ExporterTargets));
        Assert.Contains("\"dgx-03:9306\"", System.Text.Encoding.UTF8.GetString(targets.Content.Bytes));
    }

    [Fact]
    public async Task Existing_prometheus_mode_writes_no_server_only_the_snippet()
    {
        var d = await BuildAsync("{ kind: ssh }", "  prometheus: [mon1]", prometheusMode: "existing");
        var mon = d.Hosts.Single(h => h.Name == "mon1");
        Assert.Contains(mon.Resources, r => r.Path == Layout.PrometheusSnippet);
        Assert.DoesNotContain(mon.Resources, r => r.Path == Layout.PrometheusConfig || r is SystemUserResource || r is ServiceResource);
    }
}
