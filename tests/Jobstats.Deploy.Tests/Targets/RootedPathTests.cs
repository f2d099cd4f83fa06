using Jobstats.Deploy.Bcm;
using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Resources;
using Jobstats.Deploy.Targets;
using Jobstats.Deploy.Tests.Support;
using Jobstats.Processes;
using Jobstats.Testing;

namespace Jobstats.Deploy.Tests.Targets;

/// <summary>
/// Software images hold absolute links (<c>var/run -&gt; /run</c>, links into <c>/etc</c>). Whatever they hold, a
/// path inside the image resolves inside it, as it would on a node booted from it; nothing lands on the head node.
/// </summary>
public sealed class RootedPathTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly TempDirectory _dir = new("jobstats-rooted-");
    private string Image => _dir.Path + "/images/dgx-image";

    public RootedPathTests() => Directory.CreateDirectory(Image + "/etc");

    [Fact]
    public void Absolute_and_relative_links_and_dotdot_stay_inside_the_root()
    {
        Directory.CreateDirectory(Image + "/var");
        File.CreateSymbolicLink(Image + "/var/run", "/run");
        File.CreateSymbolicLink(Image + "/etc/up", "../../../../..");
        File.CreateSymbolicLink(Image + "/etc/here", ".");
        Assert.Equal(Image + "/run/jobstats/x.pid", RootedPath.Resolve(Image, "/var/run/jobstats/x.pid", followFinal: false));
        Assert.Equal(Image + "/passwd", RootedPath.Resolve(Image, "/etc/up/passwd", followFinal: false));
        Assert.Equal(Image + "/etc/a", RootedPath.Resolve(Image, "/etc/here/here/a", followFinal: false));
        Assert.Equal(Image + "/etc", RootedPath.Resolve(Image, "/../../etc", followFinal: false));
        // The last component is the link itself unless asked to follow it.
        Assert.Equal(Image + "/var/run", RootedPath.Resolve(Image, "/var/run", followFinal: false));
        Assert.Equal(Image + "/run", RootedPath.Resolve(Image, "/var/run", followFinal: true));
    }

    [Fact]
    public void A_link_loop_is_a_clear_error()
    {
        File.CreateSymbolicLink(Image + "/etc/a", "/etc/b");
        File.CreateSymbolicLink(Image + "/etc/b", "/etc/a");
        var e = Assert.Throws<IOException>(() => RootedPath.Resolve(Image, "/etc/a/file", followFinal: false));
        Assert.Contains("too many levels of symbolic links", e.Message);
    }

    [Fact]
    public async Task Writes_through_var_run_and_a_link_to_etc_land_in_the_image_not_on_this_machine()
    {
        var unique = "jobstats-escape-" + Guid.NewGuid().ToString("N")[..12];
        Directory.CreateDirectory(Image + "/var");
        File.CreateSymbolicLink(Image + "/var/run", "/run");
        File.CreateSymbolicLink(Image + "/etc/" + unique, "/etc");
        await using var target = new LocalTarget("image", Image, TargetKind.Image, manageServices: false, new ProcessRunner());
        try
        {
            await target.CreateDirectoryAsync($"/var/run/{unique}", FileModes.Executable, "root", "root", Ct);
            await target.WriteFileAsync($"/var/run/{unique}/state", FileContent.FromText("x\n", "state"), FileModes.Readable, "root", "root", Ct);
            await target.WriteFileAsync($"/etc/{unique}/{unique}.conf", FileContent.FromText("y\n", "conf"), FileModes.Private, "root", "root", Ct);

            Assert.Equal("x\n", File.ReadAllText($"{Image}/run/{unique}/state"));
            Assert.Equal("y\n", File.ReadAllText($"{Image}/etc/{unique}.conf"));
            Assert.False(Directory.Exists($"/run/{unique}"), "wrote into this machine's /run");
            Assert.False(File.Exists($"/etc/{unique}.conf"), "wrote into this machine's /etc");
            Assert.Equal("y\n", System.Text.Encoding.UTF8.GetString((await target.ReadFileAsync($"/etc/{unique}/{unique}.conf", Ct))!));
        }
        finally
        {
            if (Directory.Exists($"/run/{unique}")) Directory.Delete($"/run/{unique}", recursive: true);
            File.Delete($"/etc/{unique}.conf");
        }
    }

    [Fact]
    public async Task Changing_a_mode_through_a_link_changes_the_file_in_the_image()
    {
        var outside = _dir.Path + "/outside/f";
        foreach (var file in new[] { outside, Image + outside })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, "");
            File.SetUnixFileMode(file, (UnixFileMode)FileModes.Readable);
        }
        File.CreateSymbolicLink(Image + "/etc/f", outside);
        await using var target = new LocalTarget("image", Image, TargetKind.Image, manageServices: false, new ProcessRunner());
        await target.SetAttributesAsync("/etc/f", FileModes.Private, "root", "root", Ct);
        Assert.Equal((UnixFileMode)FileModes.Private, File.GetUnixFileMode(Image + outside));
        Assert.Equal((UnixFileMode)FileModes.Readable, File.GetUnixFileMode(outside));
    }

    [Fact]
    public async Task Apply_into_an_image_whose_systemd_directory_links_out_writes_only_inside_the_image()
    {
        var outside = _dir.Path + "/head-etc-systemd";
        Directory.CreateDirectory(outside);
        File.CreateSymbolicLink(Image + "/etc/systemd", outside);
        using var fake = new FakeCmsh("category.dgx.nodes=dgx-001");
        var binaries = TestInventories.FakeBinaries(_dir);
        var yaml = TestInventories.DgxImageYaml(_dir, fake.Program, binaries);
        var h = new Harness(InventoryLoader.Parse(yaml), new CmshClient(fake.Program, new ProcessRunner()));
        await h.ApplySucceededAsync();
        Assert.Empty(Directory.EnumerateFileSystemEntries(outside));
        Assert.True(File.Exists($"{Image}{outside}/system/jobstats-exporter.service"));
        var again = await h.PlanAsync();
        Assert.False(again.HasChanges, Harness.Pending(again));
    }

    public void Dispose() => _dir.Dispose();
}
