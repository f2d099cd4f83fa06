using Jobstats.Deploy.ImagingAudit;
using Jobstats.Deploy.Tests.ImagingAudit.Fixtures;

namespace Jobstats.Deploy.Tests.ImagingAudit;

/// <summary>One planted problem per fixture image, each found with the right verdict; clean images audit clean.</summary>
public sealed class ImagingAuditorTests
{
    private static string Problems(AuditReport report) =>
        string.Join("\n", report.Problems.Select(f => $"{f.Verdict} {f.Group} {f.Path}: {f.Reason}"));

    [Theory]
    [InlineData("compute")]
    [InlineData("compute,login")]
    [InlineData("prometheus,controller,login")]
    public void Clean_default_layout_audits_clean(string roleList)
    {
        var roles = roleList.Split(',');
        using var fixture = new AuditFixture(roles);
        var report = fixture.Run();
        Assert.True(report.Verdict == Verdict.Ok, Problems(report));
        Assert.Equal(0, report.ExitCode);
        Assert.Contains(report.Findings, f => f.Group == FindingGroup.NodeLocal && f.Verdict == Verdict.Ok);
        if (roles.Contains("compute"))
        {
            Assert.Contains(report.Findings, f => f.Group == FindingGroup.SharedStorage && f.Path == "/cm/shared/apps/slurm/var/cm/prolog-jobstats.sh" && f.Verdict == Verdict.Ok);
            Assert.Contains(report.Findings, f => f.Group == FindingGroup.ExcludeLists && f.Path == "/usr/local/bin/jobstats-exporter" && f.Verdict == Verdict.Ok);
        }
    }

    [Fact]
    public void Clean_image_without_a_node_root_audits_clean_and_says_what_it_could_not_compare()
    {
        using var fixture = new AuditFixture("prometheus") { UseNodeRoot = false };
        var report = fixture.Run();
        Assert.True(report.Verdict == Verdict.Ok, Problems(report));
        Assert.Contains(report.Notes, n => n.Contains("UID/GID"));
        Assert.Contains(report.Notes, n => n.Contains("identity"));
    }

    [Fact]
    public void Hostname_inside_a_config_is_blocking()
    {
        using var fixture = new AuditFixture("compute", "login");
        AuditFixture.Write(fixture.NodeRoot, "/etc/jobstats/jobstats.yaml", "prometheus:\n  url: http://dgx-001:9090\n");
        var report = fixture.Run();
        var finding = Assert.Single(report.Problems, f => f.Group == FindingGroup.HostSpecificContent);
        Assert.Equal(Verdict.Blocking, finding.Verdict);
        Assert.Equal("/etc/jobstats/jobstats.yaml", finding.Path);
        Assert.Contains("hostname 'dgx-001'", finding.Reason);
        Assert.Contains("line 2", finding.Reason);
        Assert.Equal(3, report.ExitCode);
    }

    [Theory]
    [InlineData("scrape from 10.40.0.11 please", "address 10.40.0.11")]
    [InlineData("mac = 52-54-00-12-34-56", "MAC address 52:54:00:12:34:56")]
    [InlineData("id 3f2c9a7e5b1d4c8f9a0b1c2d3e4f5a6b", "machine-id")]
    public void Addresses_and_machine_id_of_the_source_node_are_blocking(string content, string what)
    {
        using var fixture = new AuditFixture("compute", "login");
        AuditFixture.Write(fixture.ImageRoot, "/etc/jobstats/jobstats.yaml", content + "\n");
        var report = fixture.Run();
        var finding = Assert.Single(report.Problems);
        Assert.Equal(Verdict.Blocking, finding.Verdict);
        Assert.Contains(what, finding.Reason);
        Assert.Contains("image copy", finding.Reason);
    }

    [Fact]
    public void A_longer_name_containing_the_hostname_is_not_a_hit()
    {
        using var fixture = new AuditFixture("compute", "login");
        AuditFixture.Write(fixture.ImageRoot, "/etc/jobstats/jobstats.yaml", "nodes: dgx-0012 xdgx-001\n");
        Assert.True(fixture.Run().Verdict == Verdict.Ok);
    }

    [Fact]
    public void Prometheus_tsdb_on_the_node_to_grab_is_blocking()
    {
        using var fixture = new AuditFixture("compute");
        AuditFixture.Write(fixture.NodeRoot, "/var/lib/prometheus/wal/00000001", "tsdb");
        AuditFixture.Write(fixture.NodeRoot, "/var/lib/prometheus/chunks_head/000001", "tsdb");
        var report = fixture.Run();
        var finding = Assert.Single(report.Problems);
        Assert.Equal((FindingGroup.CapturedState, Verdict.Blocking, "/var/lib/prometheus"), (finding.Group, finding.Verdict, finding.Path));
        Assert.Contains("grabimage -w captures it", finding.Reason);
        Assert.Contains("2 files", finding.Reason);
    }

    [Fact]
    public void Prometheus_tsdb_excluded_by_the_grab_list_is_ok()
    {
        using var fixture = new AuditFixture("prometheus");
        fixture.ExcludeListsText = fixture.ExcludeListsText.Replace("[excludelistgrab]\n", "[excludelistgrab]\n- /var/lib/prometheus/*\n");
        AuditFixture.Write(fixture.NodeRoot, "/var/lib/prometheus/wal/00000001", "tsdb");
        var report = fixture.Run();
        Assert.True(report.Verdict == Verdict.Ok, Problems(report));
        Assert.Contains(report.Findings, f => f.Group == FindingGroup.CapturedState && f.Reason.Contains("keeps it out"));
    }

    [Fact]
    public void Tsdb_and_spool_already_in_the_image_are_blocking_and_logs_a_warning()
    {
        using var fixture = new AuditFixture("compute");
        AuditFixture.Write(fixture.ImageRoot, "/var/lib/prometheus/wal/00000001", "tsdb");
        AuditFixture.Write(fixture.ImageRoot, "/var/spool/slurmd/cred_state", "x");
        AuditFixture.Write(fixture.ImageRoot, "/var/log/jobstats/exporter.log", "x");
        var report = fixture.Run();
        Assert.Equal(Verdict.Blocking, report.Problems.Single(f => f.Path == "/var/lib/prometheus").Verdict);
        Assert.Equal(Verdict.Blocking, report.Problems.Single(f => f.Path == "/var/spool/slurmd").Verdict);
        Assert.Equal(Verdict.Warning, report.Problems.Single(f => f.Path == "/var/log/jobstats").Verdict);
    }

    [Fact]
    public void Binary_excluded_by_the_grab_list_is_blocking()
    {
        using var fixture = new AuditFixture("compute");
        fixture.ExcludeListsText = fixture.ExcludeListsText.Replace("[excludelistgrab]\n", "[excludelistgrab]\n- /usr/local/bin/jobstats-*\n");
        var report = fixture.Run();
        var finding = Assert.Single(report.Problems);
        Assert.Equal((FindingGroup.ExcludeLists, Verdict.Blocking, "/usr/local/bin/jobstats-exporter"), (finding.Group, finding.Verdict, finding.Path));
        Assert.Contains("excludelistgrab", finding.Reason);
        Assert.Contains("(lists.txt:3)", finding.Reason);
    }

    [Fact]
    public void Binary_under_an_excluded_directory_of_the_full_install_list_is_blocking_and_names_the_directory()
    {
        using var fixture = new AuditFixture("compute");
        fixture.ExcludeListsText = fixture.ExcludeListsText.Replace("[excludelistfullinstall]\n", "[excludelistfullinstall]\n- /usr/local/\n");
        var report = fixture.Run();
        var finding = Assert.Single(report.Problems, f => f.Path == "/usr/local/bin/jobstats-exporter");
        Assert.Equal(Verdict.Blocking, finding.Verdict);
        Assert.Contains("its directory /usr/local is excluded", finding.Reason);
    }

    [Fact]
    public void Update_list_keeps_existing_copies_as_a_warning_and_no_new_files_is_blocking()
    {
        using var fixture = new AuditFixture("compute");
        fixture.ExcludeListsText = fixture.ExcludeListsText
            .Replace("no-new-files: - /tftpboot/*", "- /etc/systemd/system/jobstats-exporter.service\nno-new-files: - /usr/local/bin/jobstats-exporter");
        var report = fixture.Run();
        var unit = report.Problems.Where(f => f.Path == "/etc/systemd/system/jobstats-exporter.service").ToList();
        Assert.Equal(2, unit.Count); // update and syncinstall
        Assert.All(unit, f => Assert.Equal(Verdict.Warning, f.Verdict));
        var binary = report.Problems.Where(f => f.Path == "/usr/local/bin/jobstats-exporter").ToList();
        Assert.Equal(2, binary.Count);
        Assert.All(binary, f => Assert.Equal(Verdict.Blocking, f.Verdict));
        Assert.All(binary, f => Assert.Contains("never creates it", f.Reason));
    }

    [Fact]
    public void Shared_storage_not_excluded_from_grab_is_a_warning()
    {
        using var fixture = new AuditFixture("compute");
        fixture.ExcludeListsText = fixture.ExcludeListsText.Replace("[excludelistgrab]\n", "[excludelistgrab]\n+ /cm/shared/**\n+ /cm/shared/\n");
        var report = fixture.Run();
        Assert.Contains(report.Problems, f => f.Group == FindingGroup.ExcludeLists && f.Verdict == Verdict.Warning && f.Path.StartsWith("/cm/shared/"));
        Assert.NotEqual(Verdict.Blocking, report.Verdict);
    }

    [Fact]
    public void Private_key_in_our_config_is_blocking()
    {
        using var fixture = new AuditFixture("compute", "login");
        AuditFixture.Write(fixture.ImageRoot, "/etc/jobstats/jobstats.yaml", "tls: |\n  -----BEGIN RSA PRIVATE KEY-----\n  MIIE\n");
        var report = fixture.Run();
        var finding = Assert.Single(report.Problems);
        Assert.Equal((FindingGroup.Secrets, Verdict.Blocking), (finding.Group, finding.Verdict));
        Assert.Contains("private key", finding.Reason);
    }

    [Fact]
    public void Bcm_admin_credentials_under_etc_are_blocking_and_a_certificate_in_our_config_a_warning()
    {
        using var fixture = new AuditFixture("compute", "login");
        AuditFixture.Write(fixture.NodeRoot, "/etc/bcm-role-monitor/admin.key", "-----BEGIN PRIVATE KEY-----\nMIIE\n");
        AuditFixture.Write(fixture.NodeRoot, "/etc/bcm-role-monitor/admin.pem", "-----BEGIN CERTIFICATE-----\nMIIE\n");
        AuditFixture.Write(fixture.ImageRoot, "/etc/jobstats/jobstats.yaml", "ca: |\n  -----BEGIN CERTIFICATE-----\n");
        var report = fixture.Run();
        Assert.Equal(Verdict.Blocking, report.Problems.Single(f => f.Path == "/etc/bcm-role-monitor/admin.key").Verdict);
        Assert.Contains("cluster-admin", report.Problems.Single(f => f.Path == "/etc/bcm-role-monitor/admin.pem").Reason);
        Assert.Equal(Verdict.Warning, report.Problems.Single(f => f.Path == "/etc/jobstats/jobstats.yaml").Verdict);
    }

    [Theory]
    [InlineData("password: hunter2hunter2", true)]
    [InlineData("api_key = 0123456789abcdef", true)]
    [InlineData("password_file: /etc/jobstats/secret", false)]
    [InlineData("token: ${JOBSTATS_TOKEN}", false)]
    [InlineData("password: \"\"", false)]
    public void Token_and_password_assignments_are_blocking(string line, bool expected)
    {
        using var fixture = new AuditFixture("compute", "login");
        AuditFixture.Write(fixture.ImageRoot, "/etc/jobstats/jobstats.yaml", line + "\n");
        var report = fixture.Run();
        Assert.Equal(expected, report.Problems.Any(f => f.Group == FindingGroup.Secrets && f.Verdict == Verdict.Blocking));
    }

    [Fact]
    public void Prometheus_on_a_compute_image_is_blocking()
    {
        using var fixture = new AuditFixture("compute");
        AuditFixture.Write(fixture.ImageRoot, "/usr/local/bin/prometheus", "\0ELF");
        AuditFixture.Write(fixture.ImageRoot, "/usr/local/bin/promtool", "\0ELF");
        var report = fixture.Run();
        Assert.Equal(["/usr/local/bin/prometheus", "/usr/local/bin/promtool"], report.Problems.Select(f => f.Path).Order());
        Assert.All(report.Problems, f => Assert.Equal((FindingGroup.RoleFit, Verdict.Blocking), (f.Group, f.Verdict)));
    }

    [Fact]
    public void Prometheus_on_a_prometheus_image_is_fine()
    {
        using var fixture = new AuditFixture("prometheus");
        AuditFixture.Write(fixture.ImageRoot, "/usr/bin/prometheus", "\0ELF");
        Assert.True(fixture.Run().Verdict == Verdict.Ok);
    }

    [Fact]
    public void Uid_mismatch_of_our_user_between_image_and_node_is_blocking()
    {
        using var fixture = new AuditFixture("prometheus");
        AuditFixture.WriteAccounts(fixture.NodeRoot, [("prometheus", 997)]);
        var report = fixture.Run();
        Assert.All(report.Problems, f => Assert.Equal(FindingGroup.UsersAndGroups, f.Group));
        var user = report.Problems.First(f => f.Path == "prometheus" && f.Reason.Contains("UID"));
        Assert.Equal(Verdict.Blocking, user.Verdict);
        Assert.Contains("UID 990 in the image, 997 on the node", user.Reason);
    }

    [Fact]
    public void Uid_mismatch_of_another_system_user_is_a_warning()
    {
        using var fixture = new AuditFixture("compute");
        File.WriteAllText(Path.Combine(fixture.NodeRoot, "etc/passwd"), File.ReadAllText(Path.Combine(fixture.NodeRoot, "etc/passwd")).Replace("slurm:x:450:450", "slurm:x:460:450"));
        var report = fixture.Run();
        var finding = Assert.Single(report.Problems);
        Assert.Equal((FindingGroup.UsersAndGroups, Verdict.Warning, "slurm"), (finding.Group, finding.Verdict, finding.Path));
    }

    [Fact]
    public void Our_user_missing_from_the_image_is_blocking()
    {
        using var fixture = new AuditFixture("prometheus");
        AuditFixture.WriteAccounts(fixture.ImageRoot, []);
        AuditFixture.WriteAccounts(fixture.NodeRoot, []);
        var report = fixture.Run();
        Assert.Contains(report.Problems, f => f.Path == "prometheus" && f.Verdict == Verdict.Blocking && f.Reason.Contains("missing"));
    }

    [Fact]
    public void Hostile_passwd_lines_become_warnings_with_line_numbers()
    {
        using var fixture = new AuditFixture("compute");
        AuditFixture.Write(fixture.ImageRoot, "/etc/passwd", "root:x:0:0:root:/root:/bin/bash\nbroken\nevil:x:-1:0:::\nbig:x:99999999999999999999:0:::\n\u0001:x:1:1:::\n" + new string('a', 9000) + "\nslurm:x:450:450::/:/bin/false\nmunge:x:451:451::/:/bin/false\n");
        var report = fixture.Run();
        var lines = report.Problems.Where(f => f.Group == FindingGroup.UsersAndGroups).Select(f => f.Reason).ToList();
        Assert.Contains(lines, r => r.StartsWith("image:/etc/passwd:2:"));
        Assert.Contains(lines, r => r.StartsWith("image:/etc/passwd:3:"));
        Assert.Contains(lines, r => r.StartsWith("image:/etc/passwd:4:"));
        Assert.Contains(lines, r => r.StartsWith("image:/etc/passwd:5:"));
        Assert.Contains(lines, r => r.StartsWith("image:/etc/passwd:6:"));
        Assert.All(report.Problems, f => Assert.Equal(Verdict.Warning, f.Verdict));
    }

    [Fact]
    public void Missing_shared_script_is_blocking_and_its_image_symlink_dangles()
    {
        using var fixture = new AuditFixture("compute");
        File.Delete(Path.Combine(fixture.SharedRoot, "cm/shared/apps/slurm/var/cm/prolog-jobstats.sh"));
        var report = fixture.Run();
        Assert.Contains(report.Problems, f => f.Group == FindingGroup.SharedStorage && f.Verdict == Verdict.Blocking && f.Path.EndsWith("/prolog-jobstats.sh"));
        var link = Assert.Single(report.Problems, f => f.Group == FindingGroup.NodeLocal);
        Assert.Equal("/cm/local/apps/slurm/var/prologs/60-prolog-jobstats.sh", link.Path);
        Assert.Contains("dangling", link.Reason);
        Assert.Equal(Verdict.Blocking, link.Verdict);
    }

    [Fact]
    public void A_file_replaced_by_a_symlink_to_a_host_secret_is_reported_and_not_read()
    {
        using var fixture = new AuditFixture("compute", "login");
        AuditFixture.Link(fixture.ImageRoot, "/etc/jobstats/jobstats.yaml", "/etc/shadow");
        var report = fixture.Run();
        var finding = Assert.Single(report.Problems);
        Assert.Equal(Verdict.Blocking, finding.Verdict);
        Assert.Contains("found a symlink", finding.Reason);
    }

    [Fact]
    public void File_on_the_node_but_not_yet_in_the_image_is_what_the_grab_captures()
    {
        using var fixture = new AuditFixture("compute");
        File.Delete(Path.Combine(fixture.ImageRoot, "usr/local/bin/jobstats-exporter"));
        var report = fixture.Run();
        Assert.Empty(report.Problems);
        var finding = Assert.Single(report.Findings, f => f.Path == "/usr/local/bin/jobstats-exporter" && f.Group == FindingGroup.NodeLocal);
        Assert.Contains("grabimage -w", finding.Reason);
    }

    [Fact]
    public void File_missing_from_both_the_image_and_the_node_is_blocking()
    {
        using var fixture = new AuditFixture("compute");
        File.Delete(Path.Combine(fixture.ImageRoot, "usr/local/bin/jobstats-exporter"));
        File.Delete(Path.Combine(fixture.NodeRoot, "usr/local/bin/jobstats-exporter"));
        var report = fixture.Run();
        var finding = Assert.Single(report.Problems, f => f.Group == FindingGroup.NodeLocal);
        Assert.Equal(Verdict.Blocking, finding.Verdict);
        Assert.Contains("missing from the image", finding.Reason);
    }

    [Fact]
    public void Missing_image_root_is_a_clear_error()
    {
        using var fixture = new AuditFixture("compute");
        var request = fixture.Request() with { ImageRoot = "/nonexistent/image" };
        var error = Assert.Throws<DirectoryNotFoundException>(() => ImagingAuditor.Run(request, TestContext.Current.CancellationToken));
        Assert.Contains("/nonexistent/image", error.Message);
    }
}
