using System.Diagnostics;
using Jobstats.Deploy.Engine;
using Jobstats.Deploy.Tests.Support;
using Jobstats.Testing;

namespace Jobstats.Deploy.Tests.Engine;

/// <summary>Two applies on one deployment's state would lose manifest entries: the second waits its turn, told why.</summary>
public sealed class ControlLockTests : IDisposable
{
    private readonly TempDirectory _root = new();

    [Fact]
    public void A_second_holder_is_refused_naming_the_first_and_the_lock_is_free_again_after()
    {
        var inventory = TestInventories.Local(_root);
        string path;
        using (var first = ControlLock.Acquire(inventory, _root.Path))
        {
            path = first.Path;
            var refused = Assert.Throws<IOException>(() => ControlLock.Acquire(inventory, _root.Path));
            Assert.Contains($"another jobstatsctl (pid {Environment.ProcessId})", refused.Message);
            Assert.Contains("wait for it to finish", refused.Message);
        }
        using var again = ControlLock.Acquire(inventory, _root.Path);
        Assert.Equal(path, again.Path);
    }

    [Fact]
    public void Another_process_holding_the_flock_keeps_apply_out_and_its_death_lets_it_in()
    {
        var inventory = TestInventories.Local(_root);
        string path;
        using (var probe = ControlLock.Acquire(inventory, _root.Path)) path = probe.Path;
        using var holder = Process.Start(new ProcessStartInfo("flock", ["--exclusive", "--nonblock", "--no-fork", path, "sleep", "60"]))!;
        try
        {
            var deadline = Stopwatch.StartNew();
            IOException? refused = null;
            while (refused is null && deadline.Elapsed < TimeSpan.FromSeconds(10))
            {
                try { ControlLock.Acquire(inventory, _root.Path).Dispose(); Thread.Sleep(50); }
                catch (IOException e) { refused = e; }
            }
            Assert.NotNull(refused);
        }
        finally
        {
            holder.Kill(entireProcessTree: true);
            holder.WaitForExit();
        }
        using var after = ControlLock.Acquire(inventory, _root.Path);
    }

    [Fact]
    public void Deployments_kept_in_different_places_do_not_wait_for_each_other()
    {
        using var other = new TempDirectory();
        using var first = ControlLock.Acquire(TestInventories.Local(_root), _root.Path);
        using var second = ControlLock.Acquire(TestInventories.Local(other), _root.Path);
        Assert.NotEqual(first.Path, second.Path);
    }

    public void Dispose() => _root.Dispose();
}
