using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Resources;
using Jobstats.Deploy.Tests.Support;
using Jobstats.Testing;

namespace Jobstats.Deploy.Tests.Engine;

/// <summary>
/// A role dropped from the inventory leaves nothing behind: the next plan shows what the manifest holds and the
/// inventory no longer wants as removals, apply removes or restores them as uninstall would, and keeps the rest.
/// </summary>
public sealed class RemovalTests : IDisposable
{
    private const string Unit = "/etc/systemd/system/jobstats-exporter.service";
    private readonly TempDirectory _root = new();

    // The controller's slurm.conf and accounts, as a real host has them before the first apply.
    public RemovalTests() => TestInventories.Local(_root);

    private Harness WithRoles(params string[] roles)
    {
        var yaml = new InventoryYaml(_root, TestInventories.FakeBinaries(_root)).WithRoles(roles).ToString();
        return new Harness(InventoryLoader.Parse(yaml, "test.yaml"));
    }

    private static readonly string[] AllRoles = ["controller: [lab1]", "login: [lab1]", "compute: [lab1]", "prometheus: [lab1]"];
    private static readonly string[] WithoutCompute = ["controller: [lab1]", "login: [lab1]", "prometheus: [lab1]"];

    [Fact]
    public async Task Dropping_compute_plans_removals_apply_removes_them_and_restores_what_was_replaced()
    {
        var r = _root.Path + "/root";
        Directory.CreateDirectory(Path.GetDirectoryName(r + Unit)!);
        File.WriteAllText(r + Unit, "# the site's own unit\n");
        await WithRoles(AllRoles).ApplySucceededAsync();
        Assert.True(File.Exists(r + "/usr/local/bin/jobstats-exporter"));
        Assert.NotEqual("# the site's own unit\n", File.ReadAllText(r + Unit));

        var smaller = WithRoles(WithoutCompute);
        var plan = await smaller.PlanAsync();
        var removals = plan.Hosts.Single().Changes.Where(c => c.Drift.Action == DriftAction.Remove).ToList();
        Assert.Contains(removals, c => c.Resource.Key == "file:/usr/local/bin/jobstats-exporter" && c.Drift.Reason.Contains("remove it"));
        Assert.Contains(removals, c => c.Resource.Key == "file:" + Unit && c.Drift.Reason.Contains("restore the file it replaced"));
        Assert.All(removals, c => Assert.Equal("compute", c.Resource.Role));
        // Besides removals only Prometheus' target lists change (lab1 is no longer a compute node to scrape).
        Assert.All(plan.Hosts.Single().Changes, c => Assert.True(
            c.Drift.Action is DriftAction.Ok or DriftAction.Remove || c.Resource.Path?.Contains("/prometheus-targets/") == true, $"{c.Resource.Key}: {c.Drift.Reason}"));

        await smaller.ApplySucceededAsync();
        Assert.False(File.Exists(r + "/usr/local/bin/jobstats-exporter"));
        Assert.Equal("# the site's own unit\n", File.ReadAllText(r + Unit));
        Assert.False(File.Exists(r + "/etc/systemd/system/multi-user.target.wants/jobstats-exporter.service"));
        Assert.True(File.Exists(r + "/usr/local/bin/jobstats"), "the login role's jobstats was removed too");
        var manifest = File.ReadAllText(r + "/var/lib/jobstatsctl/manifest.json");
        Assert.DoesNotContain("\"file:/usr/local/bin/jobstats-exporter\"", manifest);
        Assert.DoesNotContain($"\"file:{Unit}\"", manifest);
        Assert.Contains("\"file:/usr/local/bin/jobstats\"", manifest);

        var again = await smaller.PlanAsync();
        Assert.False(again.HasChanges, Harness.Pending(again));

        // Back again: compute is planned as new, and the site's unit is backed up once more.
        var full = WithRoles(AllRoles);
        await full.ApplySucceededAsync();
        Assert.True(File.Exists(r + "/usr/local/bin/jobstats-exporter"));
        await full.UninstallAsync();
        Assert.Equal("# the site's own unit\n", File.ReadAllText(r + Unit));
        Assert.False(File.Exists(r + "/usr/local/bin/jobstats"));
    }

    [Fact]
    public async Task A_folder_we_created_stays_while_something_wanted_lives_in_it()
    {
        await WithRoles(AllRoles).ApplySucceededAsync();
        var plan = await WithRoles("compute: [lab1]").PlanAsync();
        var removed = plan.Hosts.Single().Changes.Where(c => c.Drift.Action == DriftAction.Remove).Select(c => c.Resource.Path).OfType<string>().ToList();
        Assert.Contains("/usr/local/bin/jobstats", removed);
        // The exporter stays in /usr/local/bin and its unit in /etc/systemd/system: neither folder is planned away.
        Assert.DoesNotContain(removed, p => "/usr/local/bin/jobstats-exporter".StartsWith(p + "/", StringComparison.Ordinal));
        Assert.DoesNotContain(removed, p => Unit.StartsWith(p + "/", StringComparison.Ordinal));
    }

    public void Dispose() => _root.Dispose();
}
