using Jobstats.Deploy.Components;
using Jobstats.Deploy.Resources;
using Jobstats.Deploy.State;
using Jobstats.Deploy.Tests.Support;
using Jobstats.Testing;

namespace Jobstats.Deploy.Tests.Engine;

public class LocalApplyTests
{
    [Fact]
    public async Task Second_apply_finds_nothing_to_do()
    {
        using var root = new TempDirectory();
        var h = new Harness(TestInventories.Local(root));
        Assert.True((await h.PlanAsync()).HasChanges);
        var results = await h.ApplyAsync(logDir: root.Path + "/logs");
        Assert.All(results, r => Assert.True(r.Succeeded, r.Error));
        var second = await h.PlanAsync();
        Assert.False(second.HasChanges, Harness.Pending(second));
        Assert.True(File.Exists(root.Path + "/logs/lab1.log"));
    }

    [Fact]
    public async Task Apply_lays_out_files_links_users_and_ownership_as_designed()
    {
        using var root = new TempDirectory();
        var h = new Harness(TestInventories.Local(root));
        await h.ApplyAsync();
        var r = root.Path + "/root";
        Assert.Equal($"{Layout.SharedScriptDir}/prolog-jobstats.sh", new FileInfo($"{r}{Layout.PrologDir}/60-prolog-jobstats.sh").LinkTarget);
        Assert.Equal($"{Layout.SharedScriptDir}/epilog-jobstats.sh", new FileInfo($"{r}{Layout.EpilogDir}/60-epilog-jobstats.sh").LinkTarget);
        Assert.Equal("/etc/systemd/system/jobstats-exporter.service", new FileInfo($"{r}/etc/systemd/system/multi-user.target.wants/jobstats-exporter.service").LinkTarget);
        Assert.Equal((UnixFileMode)FileModes.Executable, File.GetUnixFileMode($"{r}/usr/local/bin/jobstats-exporter"));
        Assert.Contains("ExecStart=/usr/local/bin/jobstats-exporter --listen-address :9306", File.ReadAllText($"{r}/etc/systemd/system/jobstats-exporter.service"));
        var passwd = File.ReadAllText($"{r}/etc/passwd");
        Assert.Matches(@"(?m)^prometheus:x:\d+:\d+:Prometheus daemon:/var/lib/prometheus:/usr/sbin/nologin$", passwd);
        var uid = passwd.Split('\n').First(l => l.StartsWith("prometheus:")).Split(':')[2];
        Assert.Equal(uint.Parse(uid), Owner($"{r}/var/lib/prometheus"));
        var config = File.ReadAllText($"{r}/etc/jobstats/jobstats.yaml");
        Assert.Contains("sampling_period_seconds: 30", config);
        Assert.Contains("  labcluster:\n    prometheus_url: http://127.0.0.1:9090", config);
        var targets = File.ReadAllText($"{r}/cm/shared/apps/jobstats/prometheus-targets/jobstats-exporter.json");
        Assert.Contains("\"lab1:9306\"", targets);
        Assert.Contains("\"cluster\": \"labcluster\"", targets);
        var slurmConf = File.ReadAllText($"{r}/etc/slurm/slurm.conf");
        Assert.StartsWith("ClusterName=labcluster\nEpilogSlurmctld=\n" + ManagedBlockResource.Begin, slurmConf);
        Assert.Contains($"EpilogSlurmctld={Layout.SlurmctldEpilog}\n{ManagedBlockResource.End}\n", slurmConf);
        Assert.Contains("SLURM_CONF='/etc/slurm/slurm.conf'", File.ReadAllText($"{r}{Layout.SlurmctldEpilog}"));
    }

    private static uint Owner(string path)
    {
        var stat = RealProcess.Run("stat", ["-c", "%u", path]).EnsureSuccess();
        return uint.Parse(stat.StandardOutput.Trim());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(15)]
    public async Task An_apply_cut_off_midway_converges_on_the_next_run_and_stays_undoable(int abortAfter)
    {
        using var root = new TempDirectory();
        var h = new Harness(TestInventories.Local(root));
        await Assert.ThrowsAsync<Jobstats.Deploy.Engine.SimulatedCrashException>(() => h.ApplyAsync(abortAfter));
        Assert.True((await h.PlanAsync()).HasChanges);
        Assert.All(await h.ApplyAsync(), r => Assert.True(r.Succeeded, r.Error));
        var plan = await h.PlanAsync();
        Assert.False(plan.HasChanges, Harness.Pending(plan));
        await h.UninstallAsync();
        Assert.Empty(OwnedPathsLeft(root, await h.DeploymentAsync()));
    }

    [Fact]
    public async Task Uninstall_keeps_a_summary_spool_that_still_holds_queued_jobs_and_removes_a_drained_one()
    {
        using var root = new TempDirectory();
        var h = new Harness(TestInventories.Local(root));
        Assert.All(await h.ApplyAsync(), r => Assert.True(r.Succeeded, r.Error));
        var spool = root["/root" + Layout.SpoolDir];
        // What the service leaves: its status file, its directories, and one job still waiting for its summary.
        File.WriteAllText(spool + "/status", "pid 1\n");
        foreach (var d in new[] { "tmp", "bad", "queue" }) Directory.CreateDirectory($"{spool}/{d}");
        File.WriteAllText(spool + "/queue/42@lab", "jobstats-summary-queue 1\n");
        await h.UninstallAsync();
        Assert.True(File.Exists(spool + "/queue/42@lab"), "uninstall deleted a queued job");

        using var drainedRoot = new TempDirectory();
        var drained = new Harness(TestInventories.Local(drainedRoot));
        Assert.All(await drained.ApplyAsync(), r => Assert.True(r.Succeeded, r.Error));
        spool = drainedRoot["/root" + Layout.SpoolDir];
        File.WriteAllText(spool + "/status", "pid 1\n");
        foreach (var d in new[] { "tmp", "bad", "queue" }) Directory.CreateDirectory($"{spool}/{d}");
        await drained.UninstallAsync();
        Assert.False(Directory.Exists(spool), "a drained spool was left behind");
    }

    [Fact]
    public async Task Uninstall_removes_every_owned_path_and_restores_replaced_files()
    {
        using var root = new TempDirectory();
        var inventory = TestInventories.Local(root);
        root.Write("/root/etc/prometheus/prometheus.yml", "# the site's own config\n");
        File.SetUnixFileMode(root["/root/etc/prometheus/prometheus.yml"], (UnixFileMode)FileModes.Private);
        var slurmBefore = File.ReadAllText(root["/root/etc/slurm/slurm.conf"]);
        var directoriesBefore = Directory.GetDirectories(root["/root"], "*", SearchOption.AllDirectories).ToHashSet();
        var h = new Harness(inventory);
        await h.ApplyAsync();
        Assert.Contains("file_sd_configs", File.ReadAllText(root["/root/etc/prometheus/prometheus.yml"]));
        Assert.True(Directory.Exists(root["/root/cm/shared/apps/slurm/var/cm"]));
        var manifest = File.ReadAllText(root["/root/var/lib/jobstatsctl/manifest.json"]);
        Assert.Contains("\"backup_file\"", manifest);

        Assert.All(await h.UninstallAsync(), r => Assert.True(r.Succeeded, r.Error));
        Assert.Equal("# the site's own config\n", File.ReadAllText(root["/root/etc/prometheus/prometheus.yml"]));
        Assert.Equal((UnixFileMode)FileModes.Private, File.GetUnixFileMode(root["/root/etc/prometheus/prometheus.yml"]));
        Assert.Equal(slurmBefore, File.ReadAllText(root["/root/etc/slurm/slurm.conf"]));
        Assert.DoesNotContain("prometheus:", File.ReadAllText(root["/root/etc/passwd"]));
        Assert.Equal(["/etc/prometheus", "/etc/prometheus/prometheus.yml"], OwnedPathsLeft(root, await h.DeploymentAsync()));
        Assert.False(File.Exists(root["/root/var/lib/jobstatsctl/manifest.json"]));
        // Folders that apply created on the way (e.g. /cm/shared/apps/slurm/var/cm) go too; only the bookkeeping stays.
        var directoriesLeft = Directory.GetDirectories(root["/root"], "*", SearchOption.AllDirectories)
            .Where(d => !directoriesBefore.Contains(d) && !d.StartsWith(root["/root/var/lib/jobstatsctl"], StringComparison.Ordinal))
            .Where(d => !root["/root/var/lib/jobstatsctl"].StartsWith(d + "/", StringComparison.Ordinal));
        Assert.Empty(directoriesLeft);
    }

    [Fact]
    public async Task A_directory_in_the_way_of_a_file_fails_that_host_without_touching_it()
    {
        using var root = new TempDirectory();
        var h = new Harness(TestInventories.Local(root));
        Directory.CreateDirectory(root["/root/etc/jobstats/jobstats.yaml"]);
        File.WriteAllText(root["/root/etc/jobstats/jobstats.yaml/keep"], "data");
        var result = Assert.Single(await h.ApplyAsync());
        Assert.False(result.Succeeded);
        Assert.Contains("refusing to replace", result.Error);
        Assert.Equal("data", File.ReadAllText(root["/root/etc/jobstats/jobstats.yaml/keep"]));
    }

    [Fact]
    public async Task A_corrupt_manifest_stops_the_host_and_is_left_as_it_is()
    {
        using var root = new TempDirectory();
        var h = new Harness(TestInventories.Local(root));
        root.Write("/root/var/lib/jobstatsctl/manifest.json", "{ not json");
        var result = Assert.Single(await h.ApplyAsync());
        Assert.False(result.Succeeded);
        Assert.Contains("not a valid manifest", result.Error);
        Assert.Equal("{ not json", File.ReadAllText(root["/root/var/lib/jobstatsctl/manifest.json"]));
    }

    /// <summary>Paths of the deployment that still exist under the root, other than pre-existing ones we restored.</summary>
    internal static List<string> OwnedPathsLeft(TempDirectory root, Jobstats.Deploy.Planning.Deployment deployment) =>
        deployment.Hosts.SelectMany(h => h.Resources).Where(r => r.Path is not null && r is not ManagedBlockResource)
            .Select(r => r.Path!).Where(p => root.Exists("/root" + p)).Distinct().ToList();
}
