using Jobstats.Deploy.Bcm;
using Jobstats.Deploy.Tests.Support;
using Jobstats.Processes;
using Jobstats.Testing;

namespace Jobstats.Deploy.Tests.Bcm;

public class CmshClientTests
{
    [Fact]
    public async Task Resolves_category_nodes_image_and_path_with_the_expected_commands()
    {
        using var fake = new FakeCmsh("category.dgx.nodes=dgx-001,dgx-002,dgx-003", "category.dgx.softwareimage=dgx-image", "image.dgx-image.path=/cm/images/dgx-image");
        var cmsh = new CmshClient(fake.Program, new ProcessRunner());
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(["dgx-001", "dgx-002", "dgx-003"], await cmsh.CategoryNodesAsync("dgx", ct));
        Assert.Equal("dgx-image", await cmsh.CategoryImageAsync("dgx", ct));
        Assert.Equal("/cm/images/dgx-image", await cmsh.ImagePathAsync("dgx-image", ct));
        Assert.Equal(
            ["device; list -c dgx", "category; use dgx; get softwareimage", "softwareimage; use dgx-image; get path"],
            fake.Transcript);
    }

    [Fact]
    public async Task Sets_and_reads_wlm_settings_in_their_submodes()
    {
        using var fake = new FakeCmsh("wlm.epilogslurmctld=");
        var cmsh = new CmshClient(fake.Program, new ProcessRunner());
        var ct = TestContext.Current.CancellationToken;
        await cmsh.SetWlmAsync("", "epilogslurmctld", "/cm/shared/apps/slurm/var/cm/slurmctld-epilog-jobstats.sh", ct);
        await cmsh.SetWlmAsync("cgroups", "constrainramspace", "yes", ct);
        Assert.Equal("yes", await cmsh.GetWlmAsync("cgroups", "constrainramspace", ct));
        Assert.Equal("/cm/shared/apps/slurm/var/cm/slurmctld-epilog-jobstats.sh", fake.State("wlm.epilogslurmctld"));
        Assert.Equal(
        [
            "wlm; use slurm; set epilogslurmctld /cm/shared/apps/slurm/var/cm/slurmctld-epilog-jobstats.sh; commit",
            "wlm; use slurm; cgroups; set constrainramspace yes; commit",
            "wlm; use slurm; cgroups; get constrainramspace",
        ], fake.Transcript);
    }

    [Fact]
    public async Task Imageupdate_targets_the_category_and_waits_only_when_asked()
    {
        using var fake = new FakeCmsh();
        var cmsh = new CmshClient(fake.Program, new ProcessRunner());
        await cmsh.ImageUpdateAsync("dgx", wait: false, TestContext.Current.CancellationToken);
        await cmsh.ImageUpdateAsync("dgx", wait: true, TestContext.Current.CancellationToken);
        Assert.Equal(["device; imageupdate -c dgx", "device; imageupdate -c dgx -w"], fake.Transcript);
    }

    [Fact]
    public async Task Errors_printed_by_cmsh_become_exceptions()
    {
        using var fake = new FakeCmsh();
        var e = await Assert.ThrowsAsync<CmshException>(() => new CmshClient(fake.Program, new ProcessRunner()).CategoryNodesAsync("nosuch", TestContext.Current.CancellationToken));
        Assert.Contains("not found", e.Message);
    }

    [Theory]
    [InlineData("dgx; device; remove dgx-001")]
    [InlineData("-c")]
    [InlineData("dgx image")]
    public async Task Unsafe_names_never_reach_cmsh(string category)
    {
        using var fake = new FakeCmsh();
        await Assert.ThrowsAsync<CmshException>(() => new CmshClient(fake.Program, new ProcessRunner()).CategoryNodesAsync(category, TestContext.Current.CancellationToken));
        Assert.Empty(fake.Transcript);
    }

    [Fact]
    public async Task Unsafe_values_never_reach_cmsh()
    {
        using var fake = new FakeCmsh();
        await Assert.ThrowsAsync<CmshException>(() => new CmshClient(fake.Program, new ProcessRunner()).SetWlmAsync("", "epilogslurmctld", "/x; commit; device", TestContext.Current.CancellationToken));
        Assert.Empty(fake.Transcript);
    }
}
