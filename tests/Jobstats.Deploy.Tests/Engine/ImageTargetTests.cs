using Jobstats.Deploy.Bcm;
using Jobstats.Deploy.Components;
using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Planning;
using Jobstats.Deploy.Tests.Support;
using Jobstats.Processes;
using Jobstats.Testing;

namespace Jobstats.Deploy.Tests.Engine;

public class ImageTargetTests
{
    private static string Yaml(TempDirectory root, string cmsh, string binaries) =>
        TestInventories.DgxImageYaml(root, cmsh, binaries, "  compute: ['category:dgx']\n  login: ['category:dgx']");

    [Fact]
    public async Task Image_gets_files_and_enable_links_shared_storage_gets_scripts_and_targets_nothing_is_started()
    {
        using var root = new TempDirectory();
        using var fake = new FakeCmsh("category.dgx.nodes=dgx-001,dgx-002");
        Directory.CreateDirectory(root["/images/dgx-image/etc"]);
        var inventory = InventoryLoader.Parse(Yaml(root, fake.Program, TestInventories.FakeBinaries(root)));
        var h = new Harness(inventory, new CmshClient(fake.Program, new ProcessRunner()));

        var deployment = await h.DeploymentAsync();
        Assert.Equal([Placement.HeadNode, Placement.Image], deployment.Hosts.Select(x => x.Placement));
        Assert.DoesNotContain(deployment.Hosts.SelectMany(x => x.Resources), r => r is Jobstats.Deploy.Resources.ServiceResource);

        Assert.All(await h.ApplyAsync(), r => Assert.True(r.Succeeded, r.Error));
        var image = root.Path + "/images/dgx-image";
        Assert.True(File.Exists($"{image}/usr/local/bin/jobstats-exporter"));
        Assert.Equal("/etc/systemd/system/jobstats-exporter.service", new FileInfo($"{image}/etc/systemd/system/multi-user.target.wants/jobstats-exporter.service").LinkTarget);
        Assert.Equal($"{Layout.SharedScriptDir}/prolog-jobstats.sh", new FileInfo($"{image}{Layout.PrologDir}/60-prolog-jobstats.sh").LinkTarget);
        // Shared storage is not in the image: the scripts and targets land on the head node's /cm/shared.
        Assert.False(Directory.Exists($"{image}/cm/shared"));
        Assert.True(File.Exists($"{root.Path}/head{Layout.SharedScriptDir}/prolog-jobstats.sh"));
        // Bookkeeping stays on the head node, never in the image that every node receives.
        Assert.False(Directory.Exists($"{image}/var/lib/jobstatsctl"));
        Assert.True(File.Exists($"{root.Path}/head/var/lib/jobstatsctl/images/dgx-image/manifest.json"));
        Assert.False(Directory.Exists($"{image}/run/jobstats"));
        Assert.Equal(["device; list -c dgx"], fake.Transcript.Distinct());

        var again = await h.PlanAsync();
        Assert.False(again.HasChanges, Harness.Pending(again));
        await h.UninstallAsync();
        Assert.False(File.Exists($"{image}/usr/local/bin/jobstats-exporter"));
        Assert.False(File.Exists($"{root.Path}/head{Layout.SharedScriptDir}/prolog-jobstats.sh"));
    }

    [Fact]
    public async Task Bcm_slurm_settings_go_through_cmsh_and_uninstall_puts_back_the_previous_values()
    {
        using var root = new TempDirectory();
        using var fake = new FakeCmsh("category.dgx.nodes=dgx-001", "wlm.epilogslurmctld=/site/old-epilog.sh", "wlm.cgroups.constraincores=yes", "wlm.cgroups.constrainramspace=no");
        var yaml = new InventoryYaml(root, TestInventories.FakeBinaries(root)).WithRoles("controller: [head]").WithBcm(fake.Program).ToString();
        var h = new Harness(InventoryLoader.Parse(yaml), new CmshClient(fake.Program, new ProcessRunner()));
        Assert.All(await h.ApplyAsync(), r => Assert.True(r.Succeeded, r.Error));
        Assert.Equal(Layout.SlurmctldEpilog, fake.State("wlm.epilogslurmctld"));
        Assert.Equal("yes", fake.State("wlm.cgroups.constrainramspace"));
        Assert.Equal(
        [
            "wlm; use slurm; get epilogslurmctld",
            "wlm; use slurm; cgroups; get constraincores",
            "wlm; use slurm; cgroups; get constrainramspace",
            "wlm; use slurm; get epilogslurmctld",
            $"wlm; use slurm; set epilogslurmctld {Layout.SlurmctldEpilog}; commit",
            "wlm; use slurm; cgroups; get constrainramspace",
            "wlm; use slurm; cgroups; set constrainramspace yes; commit",
        ], fake.Transcript);

        using (var http = new HttpClient())
        {
            var checks = (await new Jobstats.Deploy.Engine.Verifier(h.Targets, http, new ProcessRunner(), new CmshClient(fake.Program, new ProcessRunner())).VerifyAsync(await h.DeploymentAsync(), null, "/bin/false", TestContext.Current.CancellationToken)).Checks;
            Assert.Contains(checks, c => c is { Check: "slurm settings (cmsh)", Passed: true });
        }
        await h.UninstallAsync();
        Assert.Equal("/site/old-epilog.sh", fake.State("wlm.epilogslurmctld"));
        Assert.Equal("no", fake.State("wlm.cgroups.constrainramspace"));
        Assert.Equal("yes", fake.State("wlm.cgroups.constraincores"));
    }
}
