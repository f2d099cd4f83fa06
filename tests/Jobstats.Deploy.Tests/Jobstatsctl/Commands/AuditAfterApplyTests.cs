using System.CommandLine;
using Jobstats.Deploy.Bcm;
using Jobstats.Deploy.ImagingAudit;
using Jobstats.Deploy.ImagingAudit.Reporting;
using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Tests.Support;
using Jobstats.Deploy.Workflows;
using Jobstats.Processes;
using Jobstats.Testing;
using Jobstatsctl.Commands;

namespace Jobstats.Deploy.Tests.Jobstatsctl.Commands;

/// <summary>
/// The real plan feeds the real audit: apply the deployment into a software image root, then run
/// <c>audit-image</c> over the same inventory, as an admin would before <c>imageupdate</c>.
/// </summary>
public class AuditAfterApplyTests
{
    // The default grab list of bcm.md (shared storage and home are never captured) plus the usual kernel trees.
    private const string DefaultLists = """
        [excludelistgrab]
        - /proc/*
        - /sys/*
        - /home/*
        - /cm/shared/*
        - /cm/shared/
        - /cm/shared/apps/slurm/*
        [excludelistupdate]
        - /proc/*
        - /sys/*
        - /home/*
        no-new-files: - /tftpboot/*
        [excludelistfullinstall]
        - lost+found/
        - /proc/*
        - /sys/*
        - /boot/efi
        """;

    private static async Task<(int Exit, AuditReport Report, string Errors)> ApplyThenAuditAsync(string lists)
    {
        using var root = new TempDirectory();
        using var fake = new FakeCmsh("category.dgx.nodes=dgx-001,dgx-002");
        Directory.CreateDirectory(root["/images/dgx-image/etc"]);
        var yaml = TestInventories.DgxImageYaml(root, fake.Program, TestInventories.FakeBinaries(root));
        var inventoryFile = root["/inventory.yaml"];
        File.WriteAllText(inventoryFile, yaml);
        var harness = new Harness(InventoryLoader.Parse(yaml), new CmshClient(fake.Program, new ProcessRunner()));
        Assert.All(await harness.ApplyAsync(), r => Assert.True(r.Succeeded, r.Error));

        var listsFile = root["/lists.txt"];
        File.WriteAllText(listsFile, lists);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var command = new RootCommand { AuditImageCommand.Create(new DeploymentAuditPlanSource(), stdout, stderr) };
        var exit = await command.Parse(["audit-image", "-i", inventoryFile, "--exclude-lists", listsFile,
            "--shared-root", root["/head"], "--json"]).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);
        var report = AuditReportJson.Parse(stdout.ToString());
        Assert.True(report is not null, $"no JSON report; stderr: {stderr}");
        return (exit, report!, stderr.ToString());
    }

    [Fact]
    public async Task A_clean_apply_into_an_image_audits_clean()
    {
        var (exit, report, errors) = await ApplyThenAuditAsync(DefaultLists);

        Assert.True(exit == 0, $"exit {exit}: {errors}\n" + string.Join("\n", report.Findings.Select(f => $"{f.Verdict} {f.Path}: {f.Reason}")));
        Assert.DoesNotContain(report.Findings, f => f.Verdict == Verdict.Blocking);
        Assert.Equal("dgx", report.Category);
        Assert.Equal("dgx-image", report.ImageName);
        // The plan's paths were audited, not a built-in list: the exporter binary and the prolog link are in it.
        Assert.Contains(report.Findings, f => f.Path == "/usr/local/bin/jobstats-exporter");
        Assert.Contains(report.Findings, f => f.Path.EndsWith("60-prolog-jobstats.sh", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_grab_list_that_drops_our_binaries_blocks()
    {
        var (exit, report, _) = await ApplyThenAuditAsync(DefaultLists.Replace("- /home/*\n- /cm/shared/*", "- /home/*\n- /usr/local/bin/\n- /cm/shared/*"));

        Assert.Equal(3, exit);
        Assert.Contains(report.Findings, f => f.Verdict == Verdict.Blocking && f.Path == "/usr/local/bin/jobstats-exporter");
    }
}
