using System.CommandLine;
using Jobstats.Deploy.ImagingAudit;
using Jobstats.Deploy.ImagingAudit.Reporting;
using Jobstats.Deploy.Tests.ImagingAudit.Fixtures;
using Jobstats.Deploy.Tests.Support;
using Jobstats.Deploy.Workflows;
using Jobstats.Testing;
using Jobstatsctl.Commands;

namespace Jobstats.Deploy.Tests.Jobstatsctl.Commands;

/// <summary>audit-image as the program wires it: the fixture's inventory, its deployment's paths, exit codes.</summary>
public sealed class AuditImageCommandTests : IDisposable
{
    private readonly AuditFixture _fixture = new("compute");
    private readonly TempDirectory _root = new();
    private readonly string _lists;

    public AuditImageCommandTests()
    {
        _lists = _root["/lists.txt"];
        File.WriteAllText(_lists, BcmDefaultExcludeLists.Text);
    }

    private static async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var root = new RootCommand { AuditImageCommand.Create(new DeploymentAuditPlanSource(), stdout, stderr) };
        var exit = await root.Parse(["audit-image", .. args]).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private string[] Offline(params string[] extra) =>
        ["-i", _fixture.InventoryFile, "--category", "dgx", "--image-root", _fixture.ImageRoot, "--exclude-lists", _lists,
         "--node-root", _fixture.NodeRoot, "--shared-root", _fixture.SharedRoot, .. extra];

    [Fact]
    public async Task Clean_image_exits_0_with_a_markdown_report()
    {
        var (exit, stdout, stderr) = await Run(Offline());
        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains("Verdict: **ok**", stdout);
    }

    [Fact]
    public async Task The_program_audits_the_paths_of_the_inventorys_deployment()
    {
        var (exit, stdout, stderr) = await Run(Offline("--json"));
        Assert.True(exit == 0, stdout + stderr);
        var audited = AuditReportJson.Parse(stdout)!.Findings.Select(f => f.Path).ToHashSet();
        Assert.All(_fixture.Paths, p => Assert.Contains(p.Path, audited));
    }

    [Fact]
    public async Task Blocking_finding_exits_3_and_json_carries_it()
    {
        AuditFixture.Write(_fixture.ImageRoot, "/var/lib/prometheus/wal/00000001", "tsdb");
        var (exit, stdout, stderr) = await Run(Offline("--json"));
        Assert.Equal(3, exit);
        var report = AuditReportJson.Parse(stdout)!;
        Assert.Contains(report.Findings, f => f.Path == "/var/lib/prometheus" && f.Verdict == Verdict.Blocking);
        Assert.Contains("blocking", stderr);
    }

    [Fact]
    public async Task Broken_exclude_list_exits_1_naming_file_and_line()
    {
        File.WriteAllText(_lists, "[excludelistgrab]\n- /proc/*\n-\n");
        var (exit, stdout, stderr) = await Run(Offline());
        Assert.Equal(1, exit);
        Assert.Contains("lists.txt:3:", stderr);
        Assert.Empty(stdout);
    }

    [Fact]
    public async Task Without_exclude_lists_or_cmsh_it_is_a_usage_error()
    {
        // BCM is off in this inventory: no cmsh to read the category's lists from.
        var inventory = _root["/no-bcm.yaml"];
        File.WriteAllText(inventory, new InventoryYaml(_root, TestInventories.FakeBinaries(_root))
            .WithRoles("compute: [dgx-001]").IntoImage(_fixture.ImageRoot, _fixture.SharedRoot).ToString());
        var (exit, _, stderr) = await Run("-i", inventory, "--image-root", _fixture.ImageRoot);
        Assert.Equal(2, exit);
        Assert.Contains("--exclude-lists", stderr);
    }

    [Fact]
    public async Task Unknown_category_is_a_usage_error_before_cmsh_is_asked()
    {
        // Online (no --image-root): the inventory's cmsh does not exist, so reaching it would be exit 1 instead.
        var (exit, _, stderr) = await Run("-i", _fixture.InventoryFile, "--category", "gpu", "--exclude-lists", _lists);
        Assert.Equal(2, exit);
        Assert.Contains("no category 'gpu' (known: dgx)", stderr);
    }

    public void Dispose()
    {
        _fixture.Dispose();
        _root.Dispose();
    }
}
