using Jobstats.Deploy.Bcm.ExcludeLists;

namespace Jobstats.Deploy.Tests.Bcm.ExcludeLists;

/// <summary>The matcher's transfer decisions must equal real rsync's, path for path.</summary>
public sealed class RsyncFilterAgainstRsyncTests : IDisposable
{
    private static readonly string[] Tree =
    [
        ".autofsck", "lost+found/", "sub/lost+found/", "proc/1/status", "proc/cpuinfo", "sys/kernel/x",
        "boot/efi/EFI/BOOT/grubx64.efi", "boot/grub/grub.cfg", "boot/grub2/grub.cfg", "boot/grub2/other.cfg", "boot/vmlinuz",
        "cm/shared/apps/slurm/var/cm/prolog-jobstats.sh", "cm/shared/apps/jobstats/prometheus-targets/compute.json",
        "cm/local/apps/slurm/var/prologs/60-prolog-jobstats.sh", "cm/local/apps/slurm/var/epilogs/60-epilog-jobstats.sh",
        "cm/local/apps/openldap/etc/certs/ldap.key", "cm/local/apps/openldap/etc/certs/ldap.pem",
        "data/big.bin", "home/alice/.bashrc", "home/bob/", "tftpboot/pxelinux.0",
        "var/lib/prometheus/wal/00000001", "var/lib/prometheus/chunks_head/000001", "var/lib/prometheus/", "var/lib/other/wal/1",
        "var/log/jobstats/exporter.log", "var/log/messages", "var/spool/slurmd/cred_state", "run/gpustat/0",
        "usr/local/bin/jobstats", "usr/local/bin/jobstats-exporter", "usr/local/bin/prometheus", "usr/local/bin/promtool",
        "etc/prometheus/prometheus.yml", "etc/jobstats/jobstats.yaml", "etc/hostname", "etc/machine-id",
        "etc/systemd/system/jobstats-exporter.service", "etc/systemd/system/multi-user.target.wants/jobstats-exporter.service",
        "etc/bcm-role-monitor/admin.key", "etc/bcm-role-monitor/admin.pem",
        "a/b/c/d.txt", "a/b/c.log", "x/foo/bar", "foo/bar", "foo/baz/bar", "deep/x/y/foo/bar", "foo.log", "Foo", "File1", "file2",
        "file10", "abc9", "q[1]", "star*name", "dir.d/conf", "tmp/", "x/tmp/keep",
    ];

    private static readonly string[] PatternPool =
    [
        "- lost+found/", "- /proc/*", "- /sys/*", "- /boot/efi", "- /.autofsck", "- /boot/grub*/grub.cfg",
        "- /cm/local/apps/openldap/etc/certs/ldap.key", "- /cm/local/apps/openldap/etc/certs/ldap.pem", "- /data/*",
        "- /home/*", "- /cm/shared/*", "- /cm/shared/", "- /cm/shared/apps/slurm/*", "- /tftpboot/*",
        "+ /var/lib/prometheus/", "- /var/lib/prometheus/**", "- /var/lib/prometheus/*", "- *.log", "- foo/bar",
        "- **/wal/*", "- /a/***", "- [[:upper:]]*", "- file?", "- /etc/prometheus/", "- x/**/bar", "- **/c/d.txt",
        "+ /usr/local/bin/jobstats*", "- /usr/local/bin/*", "- /var/log/**", "+ */", "- *", "- tmp/", "- /tmp",
        "- b/c", "- /a/b", "- q\\[1]", "- star\\*name", "- [!a-e]*9", "- file[0-9][0-9]", "- *.d/", "- /etc/*/admin.*",
        "- etc/bcm-role-monitor", "+ /etc/", "- /etc/*", "- **/60-*", "- /run/***", "- ?oo", "- /var/*/slurmd/",
        "*.efi", "wal", "- [[:digit:]]*", "- a/*/c", "- *e*e*", "- /cm/local/apps/slurm/var/prologs/***", "- ***/bar",
    ];

    private readonly RsyncOracle _oracle = new(Tree);

    public static TheoryData<string> CuratedLists => new()
    {
        // BCM default full-install list (reference bcm.md).
        "- lost+found/\n- /proc/*\n- /sys/*\n- /boot/efi\n",
        // Start of the default sync list plus the shared-storage rules of the grab/update lists.
        "- /.autofsck\n- /boot/grub*/grub.cfg\n- /cm/local/apps/openldap/etc/certs/ldap.key\n- /cm/local/apps/openldap/etc/certs/ldap.pem\n- /data/*\n- /home/*\n- /cm/shared/*\n- /cm/shared/\n- /cm/shared/apps/slurm/*\n",
        // Keep the directory but drop a TSDB inside it.
        "+ /var/lib/prometheus/\n- /var/lib/prometheus/**\n",
        // Include-only-some: first match wins, an excluded parent hides everything below.
        "+ /usr/\n+ /usr/local/\n+ /usr/local/bin/\n+ /usr/local/bin/jobstats*\n- /usr/local/bin/*\n- /usr/*\n",
        // Bare patterns (exclude-from semantics), comments of both kinds, blank lines.
        "# comment\n; another\n\n*.log\nwal\n- /a/***\n",
        // Floating patterns with inner slashes and double stars.
        "- foo/bar\n- x/**/bar\n- **/c/d.txt\n- a/*/c\n",
        // Character classes and escapes.
        "- [[:upper:]]*\n- file[0-9][0-9]\n- q\\[1]\n- star\\*name\n- [!a-e]*9\n",
        // Directory-only rules versus files of the same name.
        "- tmp/\n- *.d/\n- /var/*/slurmd/\n",
        // '!' clears what came before.
        "- *\n!\n- *.log\n",
    };

    [Theory]
    [MemberData(nameof(CuratedLists))]
    public void Curated_lists_transfer_exactly_what_rsync_transfers(string listText)
    {
        var transferred = AssertSameAsRsync(listText);
        Assert.NotEmpty(transferred);
        Assert.True(transferred.Count < _oracle.Files.Count + _oracle.Directories.Count, "every curated list drops something");
    }

    [Fact]
    public void Random_lists_from_a_pattern_pool_transfer_exactly_what_rsync_transfers()
    {
        var random = new Random(20261125);
        var dropCounts = new HashSet<int>();
        for (var round = 0; round < 80; round++)
        {
            var count = random.Next(1, 9);
            var lines = Enumerable.Range(0, count).Select(_ => PatternPool[random.Next(PatternPool.Length)]);
            var transferred = AssertSameAsRsync(string.Join('\n', lines) + "\n");
            dropCounts.Add(transferred.Count);
        }
        Assert.True(dropCounts.Count > 10, "the random lists should produce many different outcomes");
    }

    private HashSet<string> AssertSameAsRsync(string listText)
    {
        var list = ExcludeListParser.Parse(ExcludeListKind.Grab, listText, "test");
        var filter = list.PlainFilter;
        var expected = _oracle.Transferred(listText);
        var actual = _oracle.Files.Select(f => (Path: f, Dir: false))
            .Concat(_oracle.Directories.Select(d => (Path: d, Dir: true)))
            .Where(p => filter.Decide(p.Path, p.Dir).Transferred)
            .Select(p => p.Path)
            .ToHashSet();
        var missing = expected.Except(actual).Order().ToList();
        var extra = actual.Except(expected).Order().ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"list:\n{listText}\nrsync transfers but matcher drops: {string.Join(", ", missing)}\nmatcher transfers but rsync drops: {string.Join(", ", extra)}");
        return expected;
    }

    public void Dispose() => _oracle.Dispose();
}
