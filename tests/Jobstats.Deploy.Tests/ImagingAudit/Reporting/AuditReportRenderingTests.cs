using Jobstats.Deploy.ImagingAudit;
using Jobstats.Deploy.ImagingAudit.Reporting;
using Jobstats.Deploy.Tests.ImagingAudit.Fixtures;

namespace Jobstats.Deploy.Tests.ImagingAudit.Reporting;

public sealed class AuditReportRenderingTests
{
    private static AuditReport BlockingReport(AuditFixture fixture)
    {
        AuditFixture.Write(fixture.ImageRoot, "/usr/local/bin/prometheus", "\0ELF");
        return fixture.Run();
    }

    [Fact]
    public void Markdown_groups_findings_and_ends_with_the_category_workflow()
    {
        using var fixture = new AuditFixture("compute");
        var markdown = AuditReportMarkdown.Render(BlockingReport(fixture));
        Assert.Contains("# Imaging audit: category `dgx`, image `dgx-image`", markdown);
        Assert.Contains("Verdict: **BLOCKING**", markdown);
        Assert.Contains("## Shared storage (/cm/shared: in no image, must exist before nodes boot): ok", markdown);
        Assert.Contains("## Components on a role that does not need them: BLOCKING", markdown);
        Assert.Contains("| BLOCKING | `/usr/local/bin/prometheus` |", markdown);
        var workflow = markdown[markdown.IndexOf("## Recommended workflow", StringComparison.Ordinal)..];
        Assert.Contains("cmsh -c \"device; imageupdate -c dgx\"\n", workflow);
        Assert.Contains("cmsh -c \"device; imageupdate -c dgx -w\"\n", workflow);
        Assert.Contains("cmsh -c \"softwareimage; updateprovisioners\"", workflow);
        Assert.Contains($"Install into the image directory {fixture.ImageRoot} ", workflow);
        Assert.Contains("cmsh -c \"device; grabimage dgx-001\"\n", workflow);
        Assert.Contains("cmsh -c \"device; grabimage -w dgx-001\"\n", workflow);
        Assert.True(workflow.IndexOf("imageupdate -c dgx\"", StringComparison.Ordinal) < workflow.IndexOf("imageupdate -c dgx -w", StringComparison.Ordinal),
            "the dry run comes before the real update");
    }

    [Fact]
    public void The_workflow_names_the_image_root_that_was_audited_not_the_default_one()
    {
        using var fixture = new AuditFixture("compute");
        var report = fixture.Run();
        var install = Assert.Single(report.ImageWorkflow, s => s.Purpose.StartsWith("Install into the image", StringComparison.Ordinal));
        Assert.Contains($"directory {fixture.ImageRoot} (inventory target kind: image, root: {fixture.ImageRoot})", install.Purpose);
        Assert.DoesNotContain("/cm/images/", AuditReportMarkdown.Render(report));
    }

    [Fact]
    public void Markdown_table_cells_neutralise_pipes_and_control_characters_from_file_names()
    {
        var report = new AuditReport("dgx", "img", "/i", null, ["compute"], "file x", Verdict.Warning,
            [new AuditFinding(FindingGroup.NodeLocal, "/etc/a|b\nc", Verdict.Warning, "why | not")], [],
            RecommendedWorkflow.ImagePath("dgx", "img"), RecommendedWorkflow.GrabPath("dgx", null));
        var markdown = AuditReportMarkdown.Render(report);
        Assert.Contains("| WARNING | `/etc/a\\|b?c` |  | why \\| not |", markdown);
        Assert.Contains("grabimage -w <node>", markdown);
    }

    [Fact]
    public void Json_is_source_generated_snake_case_with_string_verdicts_and_round_trips()
    {
        using var fixture = new AuditFixture("compute");
        var report = BlockingReport(fixture);
        var json = AuditReportJson.Render(report);
        Assert.Contains("\"verdict\": \"Blocking\"", json);
        Assert.Contains("\"image_workflow\"", json);
        Assert.Contains("\"group\": \"RoleFit\"", json);
        var back = AuditReportJson.Parse(json)!;
        Assert.Equal(report.Findings, back.Findings);
        Assert.Equal(report.ImageWorkflow, back.ImageWorkflow);
        Assert.Equal(3, back.ExitCode);
    }
}
