using Jobstats.Deploy.Engine;
using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Planning;
using Jobstats.Deploy.Resources;
using Jobstats.Deploy.Targets;
using Jobstats.Processes;

namespace Jobstats.Integration.Tests.Deploy;

/// <summary>The ssh target against a real sshd: a remote root prefix keeps the test off this machine's real paths.</summary>
public class SshTargetTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Inventory Inventory(SshServer sshd, string binaries) => InventoryLoader.Parse($"""
        cluster: sshcluster
        roles:
          compute: [127.0.0.1]
          login: [127.0.0.1]
        target:
          kind: ssh
          root: {sshd.Directory}/remote
          shared_root: {sshd.Directory}/head
          state_dir: /var/lib/jobstatsctl
          manage_services: false
          ssh: {"{"} user: root, port: {sshd.Port}, identity_file: {sshd.IdentityFile}, known_hosts_file: {sshd.KnownHostsFile} {"}"}
        binaries: {"{"} jobstats_dir: {binaries} {"}"}
        """, "ssh.yaml");

    private static string FakeBinaries(SshServer sshd)
    {
        var dir = Path.Combine(sshd.Directory, "published");
        Directory.CreateDirectory(dir);
        foreach (var name in new[] { "jobstats", "jobstats-fleet", "jobstats-summaries", "jobstats-exporter" }) File.WriteAllText(Path.Combine(dir, name), $"#!/bin/sh\necho {name}\n");
        return dir;
    }

    [Fact]
    public async Task Apply_over_ssh_converges_reuses_one_connection_per_run_and_uninstalls()
    {
        using var sshd = new SshServer();
        var inventory = Inventory(sshd, FakeBinaries(sshd));
        var deployment = DeploymentBuilder.Build(inventory, await RoleResolver.ResolveAsync(inventory, null, Ct));
        var targets = new TargetFactory(inventory, new ProcessRunner());
        var host = Assert.Single(deployment.Hosts, h => h.Placement == Placement.Host);

        var results = await new Applier(targets, null, new ApplyOptions(), SilentObserver.Instance).ApplyAsync(deployment, Ct);
        Assert.All(results, r => Assert.True(r.Succeeded, r.Error));
        var changed = results.Sum(r => r.Changed);
        Assert.True(changed > 5);
        // ControlMaster: every remote step of the run rode on a single login.
        Assert.Equal(1, sshd.Logins);

        var remote = Path.Combine(sshd.Directory, "remote");
        Assert.Equal("#!/bin/sh\necho jobstats-exporter\n", File.ReadAllText($"{remote}/usr/local/bin/jobstats-exporter"));
        Assert.Equal((UnixFileMode)FileModes.Executable, File.GetUnixFileMode($"{remote}/usr/local/bin/jobstats-exporter"));
        Assert.Equal("/etc/systemd/system/jobstats-exporter.service", new FileInfo($"{remote}/etc/systemd/system/multi-user.target.wants/jobstats-exporter.service").LinkTarget);
        Assert.True(File.Exists($"{remote}/var/lib/jobstatsctl/manifest.json"));

        var plan = await new Planner(targets, null).PlanAsync(deployment, Ct);
        Assert.False(plan.HasChanges, string.Join("\n", plan.Hosts.SelectMany(h => h.Changes).Where(c => c.Drift.Action != DriftAction.Ok).Select(c => $"{c.Resource.Key}: {c.Drift.Reason}")));
        Assert.Equal(2, sshd.Logins);

        var removed = await new Uninstaller(targets, null, _ => { }).UninstallAsync(deployment, Ct);
        Assert.All(removed, r => Assert.True(r.Succeeded, r.Error));
        Assert.All(host.Resources.Where(r => r.Path is not null), r => Assert.False(File.Exists(remote + r.Path) || new FileInfo(remote + r.Path).LinkTarget is not null, r.Path));
    }

    [Fact]
    public async Task Remote_state_reads_report_kind_mode_owner_hash_and_link_target()
    {
        using var sshd = new SshServer();
        var inventory = Inventory(sshd, FakeBinaries(sshd));
        await using var target = new SshTarget("127.0.0.1", inventory.Target.Ssh, inventory.Target.Root, false, new ProcessRunner());
        await target.WriteFileAsync("/etc/odd name's file", FileContent.FromText("it's \"quoted\" $HOME\n", "t"), FileModes.GroupReadable, "root", "root", Ct);
        await target.SymlinkAsync("/etc/link", "/etc/odd name's file", Ct);
        var states = (await target.StatManyAsync(["/etc/odd name's file", "/etc/link", "/etc", "/nope"], [], Ct)).Paths;
        Assert.Equal(new PathInfo(PathKind.File, FileModes.GroupReadable, "root", "root", FileContent.FromText("it's \"quoted\" $HOME\n", "t").Sha256), states[0]);
        Assert.Equal("/etc/odd name's file", states[1].LinkTarget);
        Assert.Equal(PathKind.Directory, states[2].Kind);
        Assert.Equal(PathKind.Missing, states[3].Kind);
        Assert.Equal("it's \"quoted\" $HOME\n", System.Text.Encoding.UTF8.GetString((await target.ReadFileAsync("/etc/odd name's file", Ct))!));
        var echo = await target.RunAsync(["printf", "%s|", "a b", "$(id)", "'q'"], Ct);
        Assert.Equal("a b|$(id)|'q'|", echo.StandardOutput);
    }

    [Fact]
    public async Task Remote_state_reads_find_our_stale_temp_files_in_the_same_round_trip_and_writes_leave_none()
    {
        using var sshd = new SshServer();
        var inventory = Inventory(sshd, FakeBinaries(sshd));
        await using var target = new SshTarget("127.0.0.1", inventory.Target.Ssh, inventory.Target.Root, false, new ProcessRunner());
        await target.WriteFileAsync("/opt/tool/conf", FileContent.FromText("x\n", "t"), FileModes.Readable, "root", "root", Ct);
        await target.SymlinkAsync("/opt/tool/link", "/opt/tool/conf", Ct);
        var dir = inventory.Target.Root + "/opt/tool";
        Assert.Equal(["conf", "link"], Directory.GetFileSystemEntries(dir).Select(Path.GetFileName).Order());

        using (var exited = System.Diagnostics.Process.Start("/bin/true")!) { exited.WaitForExit(); File.WriteAllText($"{dir}/.conf.jobstats-{exited.Id}-{Guid.NewGuid():N}", "half"); }
        File.WriteAllText($"{dir}/.conf.jobstats-1-{Guid.NewGuid():N}", "pid 1 still runs");
        File.WriteAllText($"{dir}/.conf.jobstats-old", "the site's");
        var found = await target.StatManyAsync(["/opt/tool/conf"], ["/opt/tool", "/nope"], Ct);
        Assert.Equal(PathKind.File, Assert.Single(found.Paths).Kind);
        Assert.Matches("^/opt/tool/\\.conf\\.jobstats-[0-9]+-[0-9a-f]{32}$", Assert.Single(found.StaleTempFiles));
        Assert.Contains("half", File.ReadAllText(inventory.Target.Root + found.StaleTempFiles[0]));
    }

    [Fact]
    public async Task An_unknown_host_key_is_refused()
    {
        using var sshd = new SshServer();
        File.WriteAllText(sshd.KnownHostsFile, "");
        var inventory = Inventory(sshd, FakeBinaries(sshd));
        await using var target = new SshTarget("127.0.0.1", inventory.Target.Ssh, inventory.Target.Root, false, new ProcessRunner());
        var e = await Assert.ThrowsAsync<IOException>(() => target.StatAsync("/etc", false, Ct));
        Assert.Contains("ssh to 127.0.0.1 failed", e.Message);
    }
}
