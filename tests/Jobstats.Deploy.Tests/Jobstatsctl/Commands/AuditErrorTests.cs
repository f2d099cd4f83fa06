using System.CommandLine;
using Jobstats.Deploy.ImagingAudit.Reporting;
using Jobstats.Deploy.Tests.Support;
using Jobstats.Deploy.Workflows;
using Jobstats.Testing;
using Jobstatsctl.Commands;

namespace Jobstats.Deploy.Tests.Jobstatsctl.Commands;

/// <summary>
/// audit-image meets the same error boundary as every other command: an invalid inventory is listed line by line with
/// exit 2, and the offline audit (image and exclude lists given) of an inventory with <c>category:</c> roles runs on a
/// machine without cmsh, as on a laptop holding a copy of the image.
/// </summary>
public sealed class AuditErrorTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly TempDirectory _root = new();

    private async Task<(int Exit, string Out, string Err)> AuditAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var command = new RootCommand { AuditImageCommand.Create(new DeploymentAuditPlanSource(), stdout, stderr) };
        var exit = await command.Parse(["audit-image", .. args]).InvokeAsync(cancellationToken: Ct);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private string Lists()
    {
        File.WriteAllText(_root["/lists.txt"], "[excludelistgrab]\n- /proc/*\n- /sys/*\n[excludelistupdate]\n- /proc/*\n");
        return _root["/lists.txt"];
    }

    [Fact]
    public async Task An_invalid_inventory_is_listed_with_exit_2_and_no_stack_trace()
    {
        File.WriteAllText(_root["/inventory.yaml"], "cluster: lab\nroles: { compute: [dgx-[001-002] }\nports: { exporter: seventy }\n");
        var (exit, stdout, stderr) = await AuditAsync("-i", _root["/inventory.yaml"], "--image-root", _root["/image"], "--exclude-lists", Lists());
        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.StartsWith("error: ", stderr);
        Assert.Contains("inventory.yaml", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public async Task Offline_audit_of_category_roles_needs_no_cmsh()
    {
        Directory.CreateDirectory(_root["/images/dgx-image/etc"]);
        var yaml = TestInventories.DgxImageYaml(_root, "/nonexistent/cmsh", TestInventories.FakeBinaries(_root));
        File.WriteAllText(_root["/inventory.yaml"], yaml);
        var (exit, stdout, stderr) = await AuditAsync("-i", _root["/inventory.yaml"], "--image-root", _root["/images/dgx-image"],
            "--exclude-lists", Lists(), "--shared-root", _root["/head"], "--json");
        var report = AuditReportJson.Parse(stdout);
        Assert.True(report is not null, $"exit {exit}, no report; stderr: {stderr}");
        Assert.Equal("dgx", report.Category);
        // Nothing was applied into this image: the audit names the exporter the compute role needs as missing.
        Assert.Contains(report.Findings, f => f.Path.EndsWith("/jobstats-exporter", StringComparison.Ordinal));
        Assert.DoesNotContain("cmsh", stderr);
    }

    [Fact]
    public async Task Online_without_cmsh_is_a_clear_runtime_error()
    {
        Directory.CreateDirectory(_root["/images/dgx-image/etc"]);
        File.WriteAllText(_root["/inventory.yaml"], TestInventories.DgxImageYaml(_root, "/nonexistent/cmsh", TestInventories.FakeBinaries(_root)));
        var (exit, _, stderr) = await AuditAsync("-i", _root["/inventory.yaml"]);
        Assert.Equal(1, exit);
        Assert.StartsWith("error: ", stderr);
        Assert.Contains("/nonexistent/cmsh", stderr);
    }

    public void Dispose() => _root.Dispose();
}
