using Jobstats.Deploy.ImagingAudit.Accounts;

namespace Jobstats.Deploy.Tests.ImagingAudit.Accounts;

public sealed class AccountFileTests
{
    [Fact]
    public void Passwd_entries_carry_uid_gid_and_line()
    {
        var file = AccountFile.ParsePasswd("# comment\nroot:x:0:0:root:/root:/bin/bash\nprometheus:x:998:997::/var/lib/prometheus:/usr/sbin/nologin\n+::::::\n", "passwd");
        Assert.Empty(file.Problems);
        var prometheus = file.Entries["prometheus"];
        Assert.Equal((998L, (long?)997L, 3), (prometheus.Id, prometheus.PrimaryGroupId, prometheus.LineNumber));
    }

    [Fact]
    public void Group_entries_carry_the_gid()
    {
        var file = AccountFile.ParseGroup("prometheus:x:997:\nslurm:x:450:alice,bob", "group");
        Assert.Equal(997, file.Entries["prometheus"].Id);
        Assert.Null(file.Entries["prometheus"].PrimaryGroupId);
        Assert.Equal(450, file.Entries["slurm"].Id);
    }

    [Theory]
    [InlineData("short:x:1\n", "expected 7")]
    [InlineData("neg:x:-1:0:::\n", "not a numeric id")]
    [InlineData("huge:x:4294967296:0:::\n", "not a numeric id")]
    [InlineData("gid:x:1:abc:::\n", "not a numeric group id")]
    [InlineData("sp ace:x:1:1:::\n", "invalid name")]
    [InlineData(":x:1:1:::\n", "invalid name")]
    [InlineData("a:x:1:1:::\na:x:2:2:::\n", "defined again")]
    public void Bad_lines_are_skipped_and_reported_with_the_line(string text, string problem)
    {
        var file = AccountFile.ParsePasswd(text, "passwd");
        var message = Assert.Single(file.Problems);
        Assert.Contains(problem, message);
        Assert.StartsWith("passwd:", message);
    }

    [Fact]
    public void Truncated_and_binary_input_never_throws()
    {
        var random = new Random(3);
        for (var round = 0; round < 1000; round++)
        {
            var chars = Enumerable.Range(0, random.Next(0, 200)).Select(_ => (char)random.Next(0, 128)).ToArray();
            var file = AccountFile.ParsePasswd(new string(chars), "fuzz");
            Assert.All(file.Entries.Values, e => Assert.InRange(e.Id, 0, uint.MaxValue));
        }
        Assert.Equal("ok", Assert.Single(AccountFile.ParsePasswd("ok:x:1:1:::\ncut:x:2", "t").Entries).Key);
    }
}
