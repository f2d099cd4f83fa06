using Jobstats.Deploy.Tests.Support;
using Jobstats.Testing;

namespace Jobstats.Deploy.Tests.Engine;

/// <summary>uninstall leaves no empty bookkeeping folders behind, and keeps the ones that still hold something.</summary>
public class UninstallStateDirectoryTests
{
    [Fact]
    public async Task Image_uninstall_removes_the_empty_state_folders_on_the_head_node()
    {
        using var root = new TempDirectory();
        using var fake = new FakeCmsh("category.dgx.nodes=dgx-001");
        var h = Harness.DgxImage(root, fake);
        await h.ApplySucceededAsync();
        Assert.True(Directory.Exists(root["/head/var/lib/jobstatsctl/images/dgx-image"]));

        Assert.All(await h.UninstallAsync(), r => Assert.True(r.Succeeded, r.Error));
        Assert.False(Directory.Exists(root["/head/var/lib/jobstatsctl"]));
    }

    [Fact]
    public async Task Local_uninstall_removes_emptied_backup_folders_and_keeps_the_slurm_conf_backup()
    {
        using var root = new TempDirectory();
        var inventory = TestInventories.Local(root);
        root.Write("/root/etc/prometheus/prometheus.yml", "# the site's own config\n");
        var h = new Harness(inventory);
        await h.ApplySucceededAsync();
        var state = root["/root/var/lib/jobstatsctl"];
        Assert.Equal(2, Directory.GetFiles(state + "/backups", "*", SearchOption.AllDirectories).Length);

        Assert.All(await h.UninstallAsync(), r => Assert.True(r.Succeeded, r.Error));
        // prometheus.yml was restored from its backup: that backup's folders are gone; slurm.conf's is kept for reference.
        var left = Directory.GetFileSystemEntries(state, "*", SearchOption.AllDirectories).Select(p => p[state.Length..]).Order().ToList();
        Assert.Equal(["/backups", .. left.Where(p => p.StartsWith("/backups/", StringComparison.Ordinal))], left);
        Assert.Single(left, p => p.EndsWith("/etc/slurm/slurm.conf", StringComparison.Ordinal));
        Assert.DoesNotContain(left, p => p.Contains("prometheus", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Uninstall_appends_its_steps_to_the_host_log_that_apply_wrote()
    {
        using var root = new TempDirectory();
        var h = new Harness(TestInventories.Local(root));
        var logs = root["/logs"];
        await h.ApplySucceededAsync(logs);
        var result = Assert.Single(await h.UninstallAsync(logs));
        Assert.Equal($"{logs}/lab1.log", result.LogFile);
        var log = File.ReadAllText($"{logs}/lab1.log");
        Assert.True(log.IndexOf(" apply ", StringComparison.Ordinal) < log.IndexOf(" uninstall: ", StringComparison.Ordinal), log);
        Assert.Contains(" removed file:/etc/jobstats/jobstats.yaml\n", log);
        Assert.Contains($" done: {result.Changed} removed\n", log);
    }
}
