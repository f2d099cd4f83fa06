using Jobstats.Deploy.ImagingAudit;
using Jobstats.Deploy.Tests.ImagingAudit.Fixtures;
using Jobstats.Deploy.Tests.Support;

namespace Jobstats.Deploy.Tests.ImagingAudit.Checks;

/// <summary>
/// Files the secrets scan of /etc must not read as text: a FIFO (an open blocks until a writer comes), a character
/// device (/dev/zero never ends), files bigger than the cap, and more files than the scan limit. The audit finishes,
/// stays small in memory and says what it did not read.
/// </summary>
public sealed class UnreadableFileTests
{
    // Far below what reading a device until the cap-less end (GBs) or a whole oversized file would allocate.
    private const long AllocationBudget = 64L * 1024 * 1024;

    private static (AuditReport Report, long Allocated) RunBounded(AuditFixture fixture, Action? unblock = null)
    {
        var audit = Task.Run(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var report = fixture.Run();
            return (report, GC.GetAllocatedBytesForCurrentThread() - before);
        }, TestContext.Current.CancellationToken);
        if (!audit.Wait(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken))
        {
            unblock?.Invoke();
            Assert.Fail("the audit did not finish within 30 s");
        }
        return audit.Result;
    }

    [Fact]
    public async Task A_fifo_under_etc_is_a_warning_and_never_opened()
    {
        using var fixture = new AuditFixture("compute") { UseNodeRoot = false };
        var fifo = Path.Combine(fixture.ImageRoot, "etc", "fifo");
        Assert.Equal(0, (await Tools.RunAsync("mkfifo", fifo)).ExitCode);

        // If the audit blocks in open(2), a writer releases it so the test process is not left with a stuck thread.
        var (report, allocated) = RunBounded(fixture, () => { using var w = new FileStream(fifo, FileMode.Open, FileAccess.Write); });

        var finding = Assert.Single(report.Problems);
        Assert.Equal((FindingGroup.Coverage, Verdict.Warning, "/etc/fifo"), (finding.Group, finding.Verdict, finding.Path));
        Assert.Contains("FIFO", finding.Reason);
        Assert.True(allocated < AllocationBudget, $"{allocated} bytes allocated");
    }

    [Fact]
    public async Task A_character_device_under_etc_is_a_warning_and_not_read()
    {
        Assert.SkipUnless(Environment.UserName == "root", "mknod needs root");
        using var fixture = new AuditFixture("compute") { UseNodeRoot = false };
        var zero = Path.Combine(fixture.ImageRoot, "etc", "zero");
        Assert.Equal(0, (await Tools.RunAsync("mknod", zero, "c", "1", "5")).ExitCode);

        var (report, allocated) = RunBounded(fixture);

        var finding = Assert.Single(report.Problems);
        Assert.Equal((FindingGroup.Coverage, Verdict.Warning, "/etc/zero"), (finding.Group, finding.Verdict, finding.Path));
        Assert.Contains("character device", finding.Reason);
        Assert.True(allocated < AllocationBudget, $"{allocated} bytes allocated");
    }

    [Fact]
    public void A_file_over_the_cap_is_searched_in_its_first_part_only_and_the_notes_say_so()
    {
        using var fixture = new AuditFixture("compute") { UseNodeRoot = false };
        var padding = string.Concat(Enumerable.Repeat(new string('x', 1023) + "\n", 2048)); // 2 MiB, over the 1 MiB cap
        AuditFixture.Write(fixture.ImageRoot, "/etc/ssl/bundle.pem", "-----BEGIN PRIVATE KEY-----\nMIIE\n" + padding);
        AuditFixture.Write(fixture.ImageRoot, "/etc/big.conf", padding + "-----BEGIN PRIVATE KEY-----\n");

        var (report, allocated) = RunBounded(fixture);

        // A key in the first MiB is found although the file is bigger; one past the cap is not searched, and said so.
        var finding = Assert.Single(report.Problems);
        Assert.Equal((FindingGroup.Secrets, Verdict.Blocking, "/etc/ssl/bundle.pem"), (finding.Group, finding.Verdict, finding.Path));
        var note = Assert.Single(report.Notes, n => n.Contains("first 1 MiB"));
        Assert.Contains("2 files", note);
        Assert.Contains("/etc/big.conf", note);
        Assert.True(allocated < AllocationBudget, $"{allocated} bytes allocated");
    }

    [Fact]
    public void Reaching_the_scan_limit_is_a_warning_so_the_verdict_is_not_clean()
    {
        using var fixture = new AuditFixture("compute") { UseNodeRoot = false };
        for (var i = 0; i < 20; i++)
        {
            AuditFixture.Write(fixture.ImageRoot, $"/etc/many/f{i}.conf", "setting: value\n");
        }
        // Subdirectories are enumerated after the files beside them: the key sits past the limit.
        AuditFixture.Write(fixture.ImageRoot, "/etc/many/z/deep/site.key", "-----BEGIN PRIVATE KEY-----\n");

        var report = ImagingAuditor.Run(fixture.Request() with { EtcFileLimit = 10 }, TestContext.Current.CancellationToken);

        Assert.DoesNotContain(report.Findings, f => f.Path.EndsWith("site.key", StringComparison.Ordinal));
        var finding = Assert.Single(report.Problems);
        Assert.Equal((FindingGroup.Coverage, Verdict.Warning, "/etc"), (finding.Group, finding.Verdict, finding.Path));
        Assert.Contains("stopped after 10 files", finding.Reason);
        Assert.Equal(Verdict.Warning, report.Verdict);
    }

    [Fact]
    public void A_directory_of_ours_too_large_to_scan_whole_is_a_warning_so_the_verdict_is_not_clean()
    {
        using var fixture = new AuditFixture("compute") { UseNodeRoot = false };
        for (var i = 0; i < 2001; i++)
        {
            AuditFixture.Write(fixture.ImageRoot, $"/etc/jobstats/conf.d/f{i:0000}.yaml", "setting: value\n");
        }

        var report = fixture.Run();

        var finding = Assert.Single(report.Problems, f => f.Group == FindingGroup.Coverage);
        Assert.Equal((Verdict.Warning, "/etc/jobstats"), (finding.Verdict, finding.Path));
        Assert.Contains("stopped after 2000 files", finding.Reason);
        Assert.NotEqual(Verdict.Ok, report.Verdict);
    }
}
