using Jobstats.Deploy.Bcm;
using Jobstats.Deploy.ImagingAudit;
using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Tests.Support;
using Jobstats.Deploy.Workflows;
using Jobstats.Processes;
using Jobstats.Testing;

namespace Jobstats.Deploy.Tests.Workflows;

/// <summary>
/// The grabimage path: apply onto a representative node of a BCM category, then the audit that apply runs before it
/// suggests grabimage, with the category's image and grab list coming from (fake) cmsh.
/// </summary>
public class NodeModeAuditTests
{
    private static async Task<(AuditReport Report, string Output)> ApplyOnNodeThenAuditAsync(Action<TempDirectory>? plant = null)
    {
        using var root = new TempDirectory();
        Directory.CreateDirectory(root["/images/dgx-image/etc"]);
        using var fake = new FakeCmsh(
            "category.dgx.nodes=dgx-001",
            "category.dgx.softwareimage=dgx-image",
            $"image.dgx-image.path={root.Path}/images/dgx-image",
            "category.dgx.excludelistgrab=- /proc/*",
            "wlm.epilogslurmctld=",
            "wlm.cgroups.constraincores=yes",
            "wlm.cgroups.constrainramspace=yes");
        var yaml = new InventoryYaml(root, TestInventories.FakeBinaries(root))
            .WithRoles("compute: ['category:dgx']")
            .WithBcm(fake.Program)
            .WithPrometheus("existing")
            .ToString();
        var inventoryFile = root["/inventory.yaml"];
        File.WriteAllText(inventoryFile, yaml);
        var inventory = InventoryLoader.LoadFile(inventoryFile);
        Assert.True(NodeModeAudit.Applies(inventory));
        Assert.All(await new Harness(inventory, new CmshClient(fake.Program, new ProcessRunner())).ApplyAsync(), r => Assert.True(r.Succeeded, r.Error));
        plant?.Invoke(root);

        var output = new StringWriter();
        var loaded = await DeploymentLoader.LoadAsync(inventoryFile, TestContext.Current.CancellationToken);
        var report = await NodeModeAudit.RunAsync(loaded, output, TestContext.Current.CancellationToken);
        Assert.Contains("category; use dgx; get excludelistgrab", fake.Transcript);
        return (report, output.ToString());
    }

    [Fact]
    public async Task A_freshly_applied_node_audits_clean_and_the_grab_workflow_is_offered()
    {
        var (report, output) = await ApplyOnNodeThenAuditAsync();

        Assert.False(report.HasBlocking, string.Join("\n", report.Problems.Select(f => $"{f.Verdict} {f.Path}: {f.Reason}")));
        Assert.Equal("dgx-image", report.ImageName);
        Assert.Contains("audits clean for category dgx", output);
        Assert.Contains("grabimage -w", output);
    }

    [Fact]
    public async Task A_prometheus_database_on_the_node_stops_the_grab()
    {
        var (report, output) = await ApplyOnNodeThenAuditAsync(root =>
        {
            // Prometheus once ran on this node: grabbing it would copy its database into every node's image.
            Directory.CreateDirectory(root["/root/var/lib/prometheus/01JABCDEFGHJKMNPQRSTVWXYZ0/chunks"]);
            File.WriteAllText(root["/root/var/lib/prometheus/01JABCDEFGHJKMNPQRSTVWXYZ0/chunks/000001"], "tsdb chunk");
        });

        Assert.True(report.HasBlocking);
        Assert.Contains(report.Findings, f => f.Verdict == Verdict.Blocking && f.Path.StartsWith("/var/lib/prometheus", StringComparison.Ordinal));
        Assert.Contains("Do not grab this node yet", output);
    }
}
