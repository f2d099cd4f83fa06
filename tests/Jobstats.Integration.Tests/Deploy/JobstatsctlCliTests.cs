using System.Text.Json;
using Jobstats.Processes;
using Jobstats.Testing;

namespace Jobstats.Integration.Tests.Deploy;

/// <summary>The published NativeAOT jobstatsctl, driven as an admin would: exit codes, JSON plan, a killed apply.</summary>
public sealed class JobstatsctlCliTests : IDisposable
{
    private readonly TempDirectory _dir = new("jobstatsctl-cli-");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Program() => Repository.PublishedProgram("jobstatsctl");

    private string Inventory()
    {
        var published = _dir.Combine("published");
        Directory.CreateDirectory(published);
        foreach (var name in new[] { "jobstats", "jobstats-fleet", "jobstats-summaries", "jobstats-exporter" }) File.WriteAllText(Path.Combine(published, name), "#!/bin/sh\n");
        Directory.CreateDirectory(_dir["/root/etc/slurm"]);
        File.WriteAllText(_dir["/root/etc/slurm/slurm.conf"], "ClusterName=cli\n");
        // The controller's SlurmUser owns the summary spool: a controller root has the account.
        _dir.Write("/root/etc/passwd", "root:x:0:0:root:/root:/bin/bash\nslurm:x:450:450::/var/lib/slurm:/bin/false\n");
        _dir.Write("/root/etc/group", "root:x:0:\nslurm:x:450:\n");
        var path = _dir.Combine("inventory.yaml");
        File.WriteAllText(path, $"""
            cluster: cli
            roles: {"{"} controller: [lab1], login: [lab1], compute: [lab1], prometheus: [lab1] {"}"}
            target: {"{"} kind: local, root: {_dir.Path}/root, manage_services: false {"}"}
            prometheus: {"{"} mode: new {"}"}
            binaries: {"{"} jobstats_dir: {published} {"}"}
            """);
        return path;
    }

    private static Task<ProcessResult> Run(string[] args, Dictionary<string, string>? env = null) =>
        RealProcess.RunAsync(Program(), args, env, timeout: TimeSpan.FromMinutes(2), cancellationToken: Ct);

    [Fact]
    public async Task Plan_apply_plan_uninstall_with_the_documented_exit_codes()
    {
        var inv = Inventory();
        var logs = _dir.Combine("logs");
        Assert.Equal(3, (await Run(["plan", "-i", inv])).ExitCode);
        var json = await Run(["plan", "-i", inv, "--json"]);
        using (var doc = JsonDocument.Parse(json.StandardOutput))
        {
            Assert.True(doc.RootElement.GetProperty("changes_pending").GetBoolean());
            Assert.Contains(doc.RootElement.GetProperty("hosts")[0].GetProperty("resources").EnumerateArray(),
                r => r.TryGetProperty("path", out var p) && p.GetString() == "/etc/prometheus/prometheus.yml" && r.GetProperty("action").GetString() == "create");
        }

        // Killed midway (the test hook SIGKILLs the process after 4 changes): the next apply converges.
        var killed = await Run(["apply", "-i", inv, "--log-dir", logs], new() { ["JOBSTATSCTL_ABORT_AFTER"] = "4" });
        Assert.Equal(137, killed.ExitCode);
        Assert.Equal(3, (await Run(["plan", "-i", inv])).ExitCode);
        var apply = await Run(["apply", "-i", inv, "--log-dir", logs]);
        Assert.True(apply.ExitCode == 0, apply.StandardError);
        Assert.Contains("lab1\tok", apply.StandardOutput);
        Assert.True(File.Exists(Path.Combine(logs, "lab1.log")));
        Assert.Equal(0, (await Run(["plan", "-i", inv])).ExitCode);

        var docs = await Run(["docs", "-i", inv]);
        Assert.Contains("/etc/prometheus/prometheus.yml", docs.StandardOutput);
        var uninstall = await Run(["uninstall", "-i", inv]);
        Assert.True(uninstall.ExitCode == 0, uninstall.StandardError);
        // Shown before it is done (asked on a terminal): what goes, and what it does.
        Assert.Contains("  - file:/etc/prometheus/prometheus.yml: uninstall (prometheus, role prometheus)", uninstall.StandardOutput);
        Assert.Contains("  - block:/etc/slurm/slurm.conf: uninstall", uninstall.StandardOutput);
        Assert.False(File.Exists(_dir["/root/etc/prometheus/prometheus.yml"]));
        Assert.Equal("ClusterName=cli\n", File.ReadAllText(_dir["/root/etc/slurm/slurm.conf"]));
    }

    [Fact]
    public async Task A_saved_plan_is_applied_as_saved_and_refused_once_its_inventory_changes()
    {
        var inv = Inventory();
        var saved = _dir.Combine("cluster.plan");
        var plan = await Run(["plan", "-i", inv, "-o", saved]);
        Assert.Equal(3, plan.ExitCode);
        Assert.Contains($"plan saved to {saved}", plan.StandardError);

        File.AppendAllText(inv, "# reviewed\n");
        var refused = await Run(["apply", saved]);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("has changed since", refused.StandardError);

        Assert.Equal(3, (await Run(["plan", "-i", inv, "-o", saved])).ExitCode);
        var apply = await Run(["apply", saved, "--log-dir", _dir.Combine("logs")]);
        Assert.True(apply.ExitCode == 0, apply.StandardError);
        Assert.Equal(0, (await Run(["plan", "-i", inv])).ExitCode);
        Assert.Equal(2, (await Run(["apply"])).ExitCode);
    }

    [Fact]
    public async Task Bad_inventory_and_bad_usage_exit_2_with_the_reason()
    {
        var bad = _dir.Combine("bad.yaml");
        File.WriteAllText(bad, "cluster: x\nroles:\n  compute: ['dgx-[1-', 'ok1']\nports: { exporter: 99999 }\n");
        var result = await Run(["plan", "-i", bad]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{bad}:3:", result.StandardError);
        Assert.Contains($"{bad}:4:", result.StandardError);
        Assert.Equal(2, (await Run(["plan"])).ExitCode);
        Assert.Equal(2, (await Run(["frobnicate"])).ExitCode);
        var version = await Run(["--version"]);
        Assert.Equal(0, version.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", version.StandardOutput);
    }

    [Fact]
    public async Task Refresh_targets_follows_a_category_change_and_a_cmsh_failure_changes_nothing()
    {
        var published = _dir.Combine("published");
        Directory.CreateDirectory(published);
        foreach (var name in new[] { "jobstats", "jobstats-fleet", "jobstats-summaries", "jobstats-exporter" }) File.WriteAllText(Path.Combine(published, name), "#!/bin/sh\n");
        Directory.CreateDirectory(_dir["/images/dgx-image/etc"]);
        using var cmsh = new FakeCmsh("category.dgx.nodes=dgx-001,dgx-002", "category.dgx.softwareimage=dgx-image", $"image.dgx-image.path={_dir.Path}/images/dgx-image");
        var inv = _dir.Combine("cluster.yaml");
        File.WriteAllText(inv, $"""
            cluster: cli
            bcm: {"{"} enabled: true, head_node: head, cmsh: {cmsh.Program} {"}"}
            roles: {"{"} prometheus: [head], compute: ['category:dgx'] {"}"}
            targets: {"{"} head_node: {"{"} root: {_dir.Path}/head, manage_services: false {"}"} {"}"}
            prometheus: {"{"} mode: existing {"}"}
            binaries: {"{"} jobstats_dir: {published} {"}"}
            """);
        var before = await Run(["refresh-targets", "-i", inv]);
        Assert.Equal(1, before.ExitCode);
        Assert.Contains("run jobstatsctl apply first", before.StandardError);
        var apply = await Run(["apply", "-i", inv, "--log-dir", _dir.Combine("logs")]);
        Assert.True(apply.ExitCode == 0, apply.StandardError);
        Assert.True(File.Exists(_dir["/head/etc/systemd/system/jobstats-refresh-targets.timer"]));
        Assert.True(File.Exists(_dir["/images/dgx-image/usr/local/bin/jobstats-exporter"]));
        Assert.False(File.Exists(_dir["/images/dgx-image/etc/systemd/system/jobstats-refresh-targets.timer"]));

        var list = _dir["/head/cm/shared/apps/jobstats/prometheus-targets/jobstats-exporter.json"];
        cmsh.Set("category.dgx.nodes", "dgx-001,dgx-002,dgx-003");
        var refresh = await Run(["refresh-targets", "-i", inv]);
        Assert.True(refresh.ExitCode == 0, refresh.StandardError);
        Assert.Contains($"rewritten  head-node:{"/cm/shared/apps/jobstats/prometheus-targets/jobstats-exporter.json"}", refresh.StandardOutput);
        Assert.Contains("\"dgx-003:9306\"", File.ReadAllText(list));
        Assert.Equal(0, (await Run(["plan", "-i", inv])).ExitCode);

        var kept = File.ReadAllText(list);
        File.WriteAllText(cmsh.Program, "#!/bin/sh\necho 'cmsh: unable to connect to CMDaemon' >&2\nexit 1\n");
        var failed = await Run(["refresh-targets", "-i", inv]);
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("unable to connect to CMDaemon", failed.StandardError);
        Assert.Contains("the Prometheus targets were left as they were", failed.StandardError);
        Assert.Equal(kept, File.ReadAllText(list));
    }

    public void Dispose()
    {
        _dir.Dispose();
    }
}
