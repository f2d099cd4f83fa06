using Jobstats.Deploy.ImagingAudit;
using Jobstats.Deploy.Tests.ImagingAudit.Fixtures;

namespace Jobstats.Deploy.Tests.ImagingAudit.Checks;

/// <summary>A hostile or odd image must not make the audit read outside it, and leftovers are reported.</summary>
public sealed class TreeSafetyTests
{
    [Fact]
    public void A_symlinked_directory_under_etc_pointing_outside_the_image_is_not_followed()
    {
        using var fixture = new AuditFixture("compute");
        var outside = Directory.CreateTempSubdirectory("jobstats-outside-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(outside, "stolen.key"), "-----BEGIN PRIVATE KEY-----\n");
            AuditFixture.Link(fixture.ImageRoot, "/etc/escape", outside);
            var report = fixture.Run();
            Assert.DoesNotContain(report.Findings, f => f.Path.Contains("stolen"));
            Assert.True(report.Verdict == Verdict.Ok);
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    [Fact]
    public void A_copy_of_shared_files_inside_the_image_is_a_warning()
    {
        using var fixture = new AuditFixture("compute");
        AuditFixture.Write(fixture.ImageRoot, "/cm/shared/apps/slurm/var/cm/prolog-jobstats.sh", "#!/bin/bash\n");
        var report = fixture.Run();
        var finding = Assert.Single(report.Problems);
        Assert.Equal((FindingGroup.SharedStorage, Verdict.Warning), (finding.Group, finding.Verdict));
        Assert.Contains("hidden by the NFS mount", finding.Reason);
    }

    [Fact]
    public void Runtime_files_left_in_the_image_are_warnings()
    {
        // The prolog creates /run/gpustat on the node at run time; apply owns nothing there, so what an image holds
        // under it is captured state.
        using var fixture = new AuditFixture("compute");
        Assert.DoesNotContain(fixture.Paths, p => p.Path.StartsWith("/run/", StringComparison.Ordinal));
        AuditFixture.Write(fixture.ImageRoot, "/run/gpustat/0", "12345\n");
        var report = fixture.Run();
        Assert.NotEmpty(report.Problems);
        Assert.All(report.Problems, f => Assert.Equal(Verdict.Warning, f.Verdict));
        Assert.Contains(report.Problems, f => f.Group == FindingGroup.CapturedState && f.Path == "/run/gpustat");
    }

    [Fact]
    public void A_machine_id_left_in_the_image_is_a_warning()
    {
        using var fixture = new AuditFixture("compute");
        AuditFixture.Write(fixture.ImageRoot, "/etc/machine-id", "0123456789abcdef0123456789abcdef\n");
        var finding = Assert.Single(fixture.Run().Problems);
        Assert.Equal((FindingGroup.HostSpecificContent, Verdict.Warning, "/etc/machine-id"), (finding.Group, finding.Verdict, finding.Path));
    }
}
