using System.Net;
using Jobstats.Deploy.Components;
using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Resources;
using Jobstats.Deploy.Tests.Support;
using Jobstats.Metrics.Exposition;
using Jobstats.Metrics.Http;
using Jobstats.Metrics.Security;
using Jobstats.Testing;

namespace Jobstats.Deploy.Tests.Components;

/// <summary>
/// The inventory's exporter: section turns on TLS and basic auth: the exporter's web configuration, its unit, and
/// Prometheus' scrape job must agree, and secrets stay in files.
/// </summary>
public sealed class ExporterSecurityTests
{
    private static Inventory Secured(TempDirectory root, string mode = "new", string? serverName = null, string? ca = null, int exporterPort = 9306)
    {
        Directory.CreateDirectory(root["/admin"]);
        File.WriteAllText(root["/admin/ca.pem"], ca ?? "-----BEGIN CERTIFICATE-----\nnot checked by jobstatsctl\n-----END CERTIFICATE-----\n");
        File.WriteAllText(root["/admin/exporter-password"], "correct horse battery\n");
        File.SetUnixFileMode(root["/admin/exporter-password"], UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var yaml = new InventoryYaml(root, TestInventories.FakeBinaries(root)).WithPrometheus(mode).WithExporterPort(exporterPort).With($"""
            exporter:
              tls:
                cert_file: /etc/jobstats/tls/node.pem
                key_file: /etc/jobstats/tls/node-key.pem
                ca_file: {root["/admin/ca.pem"]}{(serverName is null ? "" : $"\n    server_name: {serverName}")}
              basic_auth:
                username: prometheus
                password_file: {root["/admin/exporter-password"]}
            """);
        var inventory = InventoryLoader.Parse(yaml.ToString(), "test.yaml");
        Directory.CreateDirectory(root.Path + "/root/etc/slurm");
        File.WriteAllText(root.Path + "/root/etc/slurm/slurm.conf", "ClusterName=labcluster\nEpilogSlurmctld=\n");
        File.WriteAllText(root.Path + "/root/etc/passwd", "root:x:0:0:root:/root:/bin/bash\nslurm:x:450:450::/var/lib/slurm:/bin/false\n");
        File.WriteAllText(root.Path + "/root/etc/group", "root:x:0:\nslurm:x:450:\n");
        return inventory;
    }

    [Fact]
    public async Task Apply_writes_the_web_config_the_unit_flag_and_an_https_scrape_job_with_basic_auth_and_converges()
    {
        using var root = new TempDirectory();
        var h = new Harness(Secured(root));
        await h.ApplySucceededAsync();
        var r = root.Path + "/root";

        var web = File.ReadAllText(r + Layout.ExporterWebConfig);
        var lines = web.Split('\n');
        Assert.Equal(
        [
            "# Written by jobstatsctl from the inventory's exporter: section (see docs/exporter.md).",
            "tls_server_config:",
            "  cert_file: '/etc/jobstats/tls/node.pem'",
            "  key_file: '/etc/jobstats/tls/node-key.pem'",
            "basic_auth_users:",
        ], lines[..5]);
        Assert.StartsWith("  prometheus: $2b$10$", lines[5]);
        Assert.True(BCrypt.Net.BCrypt.Verify("correct horse battery", lines[5]["  prometheus: ".Length..]), "the hash is not of the password file's content");
        Assert.DoesNotContain("correct horse", web);
        // The exporter's own reader accepts what jobstatsctl wrote.
        var readProblems = new Jobstats.Core.Yaml.YamlProblems("exporter-web.yml");
        var read = WebConfigReader.Read(web, "/etc/jobstats", readProblems);
        Assert.Empty(readProblems.All);
        Assert.Equal("/etc/jobstats/tls/node.pem", read!.Tls!.CertFile);
        Assert.Equal(["prometheus"], read.BasicAuthUsers.Keys);
        Assert.Equal((UnixFileMode)FileModes.Private, File.GetUnixFileMode(r + Layout.ExporterWebConfig));
        Assert.Contains("ExecStart=/usr/local/bin/jobstats-exporter --listen-address :9306 --web.config.file /etc/jobstats/exporter-web.yml\n",
            File.ReadAllText(r + "/etc/systemd/system/jobstats-exporter.service"));

        var prometheus = File.ReadAllText(r + "/etc/prometheus/prometheus.yml");
        Assert.Contains("""
              - job_name: jobstats-exporter
                file_sd_configs:
                  - files: ['/cm/shared/apps/jobstats/prometheus-targets/jobstats-exporter.json']
                scheme: https
                tls_config:
                  ca_file: /etc/prometheus/jobstats-exporter-ca.pem
                basic_auth:
                  username: prometheus
                  password_file: /etc/prometheus/jobstats-exporter-password
              - job_name: node-exporter
            """, prometheus);
        Assert.Equal(File.ReadAllText(root["/admin/ca.pem"]), File.ReadAllText(r + Layout.PrometheusExporterCa));
        Assert.Equal("correct horse battery\n", File.ReadAllText(r + Layout.PrometheusExporterPassword));
        Assert.Equal((UnixFileMode)FileModes.GroupReadable, File.GetUnixFileMode(r + Layout.PrometheusExporterPassword));
        var group = RealProcess.Run("stat", ["-c", "%g", r + Layout.PrometheusExporterPassword]).EnsureSuccess().StandardOutput.Trim();
        Assert.Matches($@"(?m)^prometheus:x:{group}:", File.ReadAllText(r + "/etc/group"));

        // The hash is the same on every apply: nothing to do the second time, so no exporter restarts.
        var second = await h.PlanAsync();
        Assert.False(second.HasChanges, Harness.Pending(second));
    }

    [Fact]
    public async Task The_scrape_job_with_TLS_and_basic_auth_passes_promtool_and_server_name_goes_into_tls_config()
    {
        using var root = new TempDirectory();
        await new Harness(Secured(root, serverName: "exporter.cluster.example")).ApplySucceededAsync();
        var r = root.Path + "/root";
        var config = File.ReadAllText(r + "/etc/prometheus/prometheus.yml")
            .Replace("/cm/shared/", r + "/cm/shared/").Replace("/etc/prometheus/jobstats-exporter", r + "/etc/prometheus/jobstats-exporter")
            .Replace(Layout.PrometheusAlertRules, r + Layout.PrometheusAlertRules);
        File.WriteAllText(root["/promtool-check.yml"], config);

        var result = await Tools.RunAsync("promtool", "check", "config", root["/promtool-check.yml"]);

        Assert.True(result.Succeeded, result.StandardOutput + result.StandardError);
        Assert.Contains("      server_name: exporter.cluster.example\n", config);
    }

    [Fact]
    public async Task Existing_mode_puts_the_same_settings_in_the_snippet_and_installs_the_ca_and_password_files()
    {
        using var root = new TempDirectory();
        var h = new Harness(Secured(root, mode: "existing"));
        var deployment = await h.DeploymentAsync();
        var files = deployment.Hosts.SelectMany(host => host.Resources).OfType<FileResource>().GroupBy(f => f.Path).ToDictionary(g => g.Key, g => g.First());

        var snippet = System.Text.Encoding.UTF8.GetString(files[Layout.PrometheusSnippet].Content.Bytes);
        Assert.Contains("    scheme: https\n    tls_config:\n      ca_file: /etc/prometheus/jobstats-exporter-ca.pem\n", snippet);
        Assert.Contains("      password_file: /etc/prometheus/jobstats-exporter-password\n", snippet);
        Assert.Equal("prometheus", files[Layout.PrometheusExporterPassword].Group);
        Assert.Equal(FileModes.Private, files[Layout.ExporterWebConfig].Mode);
    }

    [Fact]
    public async Task Without_an_exporter_section_nothing_changes_for_the_exporter()
    {
        using var root = new TempDirectory();
        await new Harness(TestInventories.Local(root)).ApplySucceededAsync();
        var r = root.Path + "/root";
        Assert.False(File.Exists(r + Layout.ExporterWebConfig));
        Assert.DoesNotContain("scheme: https", File.ReadAllText(r + "/etc/prometheus/prometheus.yml"));
        Assert.Contains("ExecStart=/usr/local/bin/jobstats-exporter --listen-address :9306\n", File.ReadAllText(r + "/etc/systemd/system/jobstats-exporter.service"));
    }

    [Fact]
    public async Task Verify_scrapes_the_exporter_over_https_with_the_password_and_fails_with_a_wrong_one()
    {
        using var root = new TempDirectory();
        var certificates = new TestCertificates(root["/pki"]);
        var problems = new List<string>();
        var security = WebSecurity.Load(TestWebConfig.Write(root["/web.yml"], certificates, ("prometheus", "correct horse battery")), problems);
        Assert.Empty(problems);
        var family = new MetricFamily("cgroup_uid", "Uid of the job.", "jobid");
        using var server = new MetricsServer("jobstats-exporter", () =>
        {
            var buffer = new ScrapeBuffer();
            buffer.Add(family, 1000, "7");
            return buffer;
        }, new SilentLog(), security);
        var port = server.Start(IPAddress.Loopback, 0).Port;
        using var stop = new CancellationTokenSource();
        var serving = server.RunAsync(stop.Token);
        var h = new Harness(Secured(root, ca: File.ReadAllText(certificates.CaFile), exporterPort: port));

        var good = await ExporterCheckAsync(h);
        File.WriteAllText(root["/admin/exporter-password"], "a wrong one\n");
        var wrong = await ExporterCheckAsync(h);
        await stop.CancelAsync();
        await serving;

        Assert.True(good.Passed, good.Reason);
        Assert.Equal($"https://127.0.0.1:{port}/metrics serves cgroup_", good.Reason);
        Assert.False(wrong.Passed);
        Assert.Contains("401", wrong.Reason);
    }

    private static async Task<Jobstats.Deploy.Engine.CheckResult> ExporterCheckAsync(Harness h)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var doc = await new Jobstats.Deploy.Engine.Verifier(h.Targets, http, new Jobstats.Processes.ProcessRunner())
            .VerifyAsync(await h.DeploymentAsync(), null, "/bin/false", TestContext.Current.CancellationToken);
        return doc.Checks.Single(c => c.Check == "jobstats-exporter metrics");
    }

    private sealed class SilentLog : IMetricsServerLog
    {
        public void Debug(string message) { }
        public void Warn(string message) { }
        public void Error(string message) { }
    }

    [Fact]
    public void Hashing_is_stable_for_one_cluster_and_user_and_differs_between_them()
    {
        var once = ExporterWebConfig.StableHash("pw", "a", "prometheus");
        Assert.Equal(once, ExporterWebConfig.StableHash("pw", "a", "prometheus"));
        Assert.NotEqual(once, ExporterWebConfig.StableHash("pw", "b", "prometheus"));
        Assert.NotEqual(once, ExporterWebConfig.StableHash("pw", "a", "scraper"));
        Assert.True(BCrypt.Net.BCrypt.Verify("pw", once));
    }

    [Theory]
    [InlineData("exporter:\n  basic_auth: { username: prometheus, password_file: /etc/p }\n",
        "test.yaml:2: 'exporter.basic_auth' needs 'exporter.tls': without it the password crosses the network in clear text")]
    [InlineData("exporter:\n  tls: { cert_file: /c.pem, key_file: /k.pem, ca_file: /ca.pem }\n  basic_auth: { username: prometheus, password: hunter2 }\n",
        "test.yaml:3: 'exporter.basic_auth.password': passwords are never written in the inventory; put it in a file (mode 0600) and give 'password_file'")]
    [InlineData("exporter:\n  tls: { cert_file: /c.pem, key_file: k.pem, ca_file: /ca.pem }\n",
        "test.yaml:2: 'exporter.tls.key_file' must be an absolute path, not 'k.pem'")]
    [InlineData("exporter:\n  tls: { cert_file: /c.pem, key_file: /k.pem }\n", "test.yaml:2: 'exporter.tls.ca_file' is required")]
    [InlineData("exporter:\n  web_config: { path: /x }\n", "test.yaml:2: unknown key 'exporter.web_config'")]
    public void An_exporter_section_that_would_leak_or_not_work_is_refused_with_its_line(string section, string expected)
    {
        using var root = new TempDirectory();
        var yaml = new InventoryYaml(root, "/opt/jobstats/bin").With(section).ToString();
        var error = Assert.Throws<InventoryException>(() => InventoryLoader.Parse(yaml, "test.yaml"));
        var offset = yaml.Split('\n').TakeWhile(line => !line.StartsWith("exporter:", StringComparison.Ordinal)).Count();
        // The expected lines count from the exporter: line; the inventory's other sections come before it.
        var shifted = System.Text.RegularExpressions.Regex.Replace(expected, @"^test\.yaml:(\d+)", m => $"test.yaml:{int.Parse(m.Groups[1].Value) + offset}");
        Assert.Contains(error.Errors, p => p.StartsWith(shifted, StringComparison.Ordinal));
    }
}
