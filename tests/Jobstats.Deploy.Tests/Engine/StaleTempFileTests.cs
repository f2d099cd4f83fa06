using System.Diagnostics;
using Jobstats.Deploy.Resources;
using Jobstats.Deploy.Tests.Support;
using Jobstats.Testing;

namespace Jobstats.Deploy.Tests.Engine;

/// <summary>
/// An apply killed with SIGKILL in the middle of an atomic write leaves its temp file next to the destination (a
/// whole binary, in an image that imageupdate copies to every node). The next plan shows it, apply and uninstall
/// remove it; a file of ours whose writer still runs, and anyone else's file, are never touched.
/// </summary>
public class StaleTempFileTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The pid of a process that has exited: what a temp file's writer is after kill -9.</summary>
    private static int DeadPid()
    {
        using var p = Process.Start("/bin/true")!;
        p.WaitForExit();
        return p.Id;
    }

    /// <summary>A temp file exactly as the atomic writer names it (<c>.NAME.jobstats-PID-GUID</c>), with some bytes in it.</summary>
    private static string CrashLeftover(string directory, string name, int pid)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $".{name}.jobstats-{pid}-{Guid.NewGuid():N}");
        File.WriteAllBytes(path, new byte[4096]);
        return path;
    }

    [Fact]
    public async Task A_killed_image_apply_leaves_temp_files_that_plan_shows_and_apply_removes_and_nothing_else()
    {
        using var root = new TempDirectory();
        using var fake = new FakeCmsh("category.dgx.nodes=dgx-001,dgx-002");
        var h = Harness.DgxImage(root, fake);
        await h.ApplySucceededAsync();

        var bin = root["/images/dgx-image/usr/local/bin"];
        var dead = DeadPid();
        var binaryLeftover = CrashLeftover(bin, "jobstats-exporter", dead);
        var unitLeftover = CrashLeftover(root["/images/dgx-image/etc/systemd/system"], "jobstats-exporter.service", dead);
        var sharedLeftover = CrashLeftover(root["/head/cm/shared/apps/slurm/var/cm"], "prolog-jobstats.sh", dead);
        var manifestLeftover = CrashLeftover(root["/head/var/lib/jobstatsctl/images/dgx-image"], "manifest.json", dead);
        // A live apply's temp file (its writer, this process, still runs) and files that only look like ours.
        var live = CrashLeftover(bin, "jobstats", Environment.ProcessId);
        string[] notOurs =
        [
            Path.Combine(bin, $".jobstats-exporter.jobstats-{dead}-backup"),
            Path.Combine(bin, $"jobstats-exporter.jobstats-{dead}-{Guid.NewGuid():N}"),
            Path.Combine(bin, $".jobstats-exporter.jobstats-{dead}-{Guid.NewGuid():N}.orig"),
            Path.Combine(root["/images/dgx-image/opt"], $".tool.jobstats-{dead}-{Guid.NewGuid():N}"),
        ];
        foreach (var path in notOurs)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "the site's");
        }

        var plan = await h.PlanAsync();
        Assert.True(plan.HasChanges);
        var removals = plan.Hosts.SelectMany(x => x.Changes).Where(c => c.Drift.Action != DriftAction.Ok).ToList();
        Assert.All(removals, c => Assert.StartsWith("remove stale temp file", c.Drift.Reason));
        Assert.Equal(
            new[] { binaryLeftover, unitLeftover, sharedLeftover, manifestLeftover }.Select(Host).Order(),
            removals.Select(c => c.Resource.Path!).Order());

        await h.ApplySucceededAsync();
        Assert.All(new[] { binaryLeftover, unitLeftover, sharedLeftover, manifestLeftover }, p => Assert.False(File.Exists(p), p));
        Assert.True(File.Exists(live));
        Assert.All(notOurs, p => Assert.Equal("the site's", File.ReadAllText(p)));
        var again = await h.PlanAsync();
        Assert.False(again.HasChanges, Harness.Pending(again));
        // What apply removed was never ours to record: uninstall does not look for it.
        Assert.DoesNotContain("stale", File.ReadAllText(root["/head/var/lib/jobstatsctl/images/dgx-image/manifest.json"]));

        string Host(string real) => real.StartsWith(root["/images/dgx-image/"], StringComparison.Ordinal)
            ? real[root["/images/dgx-image"].Length..]
            : real[root["/head"].Length..];
    }

    [Fact]
    public async Task Uninstall_removes_stale_temp_files_so_the_folders_apply_created_go_too()
    {
        using var root = new TempDirectory();
        var h = new Harness(TestInventories.Local(root));
        var directoriesBefore = Directory.GetDirectories(root["/root"], "*", SearchOption.AllDirectories).ToHashSet();
        await h.ApplySucceededAsync();
        var dead = DeadPid();
        var leftovers = new[]
        {
            CrashLeftover(root["/root/cm/shared/apps/slurm/var/cm"], "epilog-jobstats.sh", dead),
            CrashLeftover(root["/root/etc/jobstats"], "jobstats.yaml", dead),
            CrashLeftover(root["/root/var/lib/jobstatsctl"], "manifest.json", dead),
        };

        Assert.All(await h.UninstallAsync(), r => Assert.True(r.Succeeded, r.Error));
        Assert.All(leftovers, p => Assert.False(File.Exists(p), p));
        Assert.False(Directory.Exists(root["/root/cm/shared/apps/slurm/var/cm"]));
        Assert.False(Directory.Exists(root["/root/etc/jobstats"]));
        Assert.DoesNotContain(Directory.GetDirectories(root["/root"], "*", SearchOption.AllDirectories),
            d => !directoriesBefore.Contains(d) && !d.StartsWith(root["/root/var/lib"], StringComparison.Ordinal) && d != root["/root/var"]);
    }
}
