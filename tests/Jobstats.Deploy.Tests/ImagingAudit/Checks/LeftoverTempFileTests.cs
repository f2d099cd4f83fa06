using Jobstats.Deploy.ImagingAudit;
using Jobstats.Deploy.Tests.ImagingAudit.Fixtures;

namespace Jobstats.Deploy.Tests.ImagingAudit.Checks;

/// <summary>Temp files an interrupted jobstatsctl write left in the image or on the node are blocking findings.</summary>
public sealed class LeftoverTempFileTests
{
    [Theory]
    // Every target's atomic writes: ".NAME.jobstats-PID-GUID" beside the file or link.
    [InlineData("/etc/jobstats/.jobstats.yaml.jobstats-4242-0123456789abcdef0123456789abcdef", "image")]
    [InlineData("/etc/.passwd.jobstats-17-fedcba9876543210fedcba9876543210", "node")]
    // Earlier releases: "NAME.jobstats-GUID" for links, and the ssh target's mktemp ".jobstats.XXXXXX" and "NAME.jobstats-new".
    [InlineData("/cm/local/apps/slurm/var/prologs/60-prolog-jobstats.sh.jobstats-0123456789abcdef0123456789abcdef", "image")]
    [InlineData("/usr/local/bin/.jobstats.Ab3xYz", "node")]
    [InlineData("/cm/local/apps/slurm/var/epilogs/60-epilog-jobstats.sh.jobstats-new", "image")]
    public void A_temp_file_of_an_interrupted_write_is_blocking(string path, string where)
    {
        using var fixture = new AuditFixture("compute", "login");
        AuditFixture.Write(where == "image" ? fixture.ImageRoot : fixture.NodeRoot, path, "half written\n");

        var report = fixture.Run();

        var finding = Assert.Single(report.Problems);
        Assert.Equal((FindingGroup.NodeLocal, Verdict.Blocking, path), (finding.Group, finding.Verdict, finding.Path));
        Assert.StartsWith(where + ":", finding.Reason);
        Assert.Contains("interrupted", finding.Reason);
    }

    [Theory]
    [InlineData("/etc/jobstats/.jobstats.yaml.swp")]
    [InlineData("/etc/jobstats/jobstats.yaml.jobstats-backup")]
    [InlineData("/usr/local/bin/.jobstats.tooLongForMktemp")]
    public void Files_that_merely_look_alike_are_not_reported(string path)
    {
        using var fixture = new AuditFixture("compute", "login");
        AuditFixture.Write(fixture.ImageRoot, path, "mine\n");
        Assert.DoesNotContain(fixture.Run().Problems, f => f.Path == path);
    }
}
