using System.CommandLine;
using Jobstats.Deploy.ImagingAudit;
using Jobstats.Deploy.ImagingAudit.Reporting;
using Jobstats.Deploy.Tests.ImagingAudit.Fixtures;
using Jobstatsctl.Commands;

namespace Jobstats.Deploy.Tests.Jobstatsctl.Commands;

public sealed class AuditImageCommandTests : IDisposable
{
    private readonly AuditFixture _fixture = new("compute");
    private readonly string _inventory;
    private readonly string _lists;

    public AuditImageCommandTests()
    {
        _inventory = Path.Combine(_fixture.SharedRoot, "..", "jobstats.yaml");
        File.WriteAllText(_inventory, "cluster: lab\n");
        _lists = Path.Combine(_fixture.SharedRoot, "..", "lists.txt");
        File.WriteAllText(_lists, BcmDefaultExcludeLists.Text);
    }

    private async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var root = new RootCommand { AuditImageCommand.Create(new DefaultLayoutPlanSource("dgx", "dgx-image", ["compute"]), stdout, stderr) };
        var exit = await root.Parse(["audit-image", .. args]).InvokeAsync();
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private string[] Offline(params string[] extra) =>
        ["-i", _inventory, "--category", "dgx", "--image-root", _fixture.ImageRoot, "--exclude-lists", _lists,
         "--node-root", _fixture.NodeRoot, "--shared-root", _fixture.SharedRoot, .. extra];

    [Fact]
    public async Task Clean_image_exits_0_with_a_markdown_report()
    {
        var (exit, stdout, stderr) = await Run(Offline());
        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains("Verdict: **ok**", stdout);
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
        var (exit, _, stderr) = await Run("-i", _inventory, "--image-root", _fixture.ImageRoot);
        Assert.Equal(2, exit);
        Assert.Contains("--exclude-lists", stderr);
    }

    [Fact]
    public async Task Unknown_category_is_a_usage_error()
    {
        var (exit, _, stderr) = await Run("-i", _inventory, "--category", "gpu", "--exclude-lists", _lists);
        Assert.Equal(2, exit);
        Assert.Contains("gpu", stderr);
    }

    public void Dispose() => _fixture.Dispose();
}
