using Jobstats.Deploy.Engine;
using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Tests.Support;
using Jobstats.Testing;

namespace Jobstats.Deploy.Tests.Engine;

/// <summary>
/// Apply makes the changes the user saw, no others: the plan shown before the question or saved with <c>plan -o</c>.
/// A change whose state moved in between (someone edited the file, a binary was rebuilt) is refused, and said so.
/// </summary>
public sealed class ApprovedPlanTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Config = "/etc/jobstats/jobstats.yaml";
    private readonly TempDirectory _root = new();
    private readonly string _inventoryFile;
    private readonly Harness _h;

    public ApprovedPlanTests()
    {
        _h = new Harness(TestInventories.Local(_root));
        _inventoryFile = _root["/inventory.yaml"];
        File.WriteAllText(_inventoryFile, new InventoryYaml(_root, TestInventories.FakeBinaries(_root)).ToString());
    }

    [Fact]
    public async Task A_saved_plan_is_applied_exactly_and_leaves_the_deployment_converged()
    {
        var plan = await _h.PlanAsync();
        await SavedPlan.SaveAsync(plan, _inventoryFile, _root["/cluster.plan"], Ct);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_root["/cluster.plan"]));
        var saved = await SavedPlan.LoadAsync(_root["/cluster.plan"], Ct);
        Assert.Equal(_inventoryFile, saved.Inventory);

        var results = await _h.ApplyAsync(approved: ApprovedPlan.From(saved));
        Assert.All(results, r => Assert.True(r.Succeeded, r.Error));
        Assert.Equal(plan.Hosts.Sum(h => h.Changes.Count(c => c.Drift.Action != Jobstats.Deploy.Resources.DriftAction.Ok)), results.Sum(r => r.Changed));
        var again = await _h.PlanAsync();
        Assert.False(again.HasChanges, Harness.Pending(again));
        Assert.Empty(Directory.EnumerateFiles(_root.Path, "*jobstats-*", SearchOption.TopDirectoryOnly));
    }

    [Fact]
    public async Task A_change_whose_file_moved_since_the_plan_is_refused_the_rest_is_applied()
    {
        await _h.ApplySucceededAsync();
        File.WriteAllText(_root["/root" + Config], "# edited by hand\n");
        var shown = ApprovedPlan.From(await _h.PlanAsync());
        // Between the plan and the apply, someone edits the file again: that is not the change the user approved.
        File.WriteAllText(_root["/root" + Config], "# edited by hand, twice\n");
        File.Delete(_root["/root/usr/local/bin/jobstats"]);

        var result = Assert.Single(await _h.ApplyAsync(approved: shown));
        Assert.False(result.Succeeded);
        Assert.Contains("state moved since the plan was shown", result.Error);
        Assert.Contains("file:" + Config, result.Error);
        Assert.Contains("file:/usr/local/bin/jobstats", result.Error);
        Assert.Equal("# edited by hand, twice\n", File.ReadAllText(_root["/root" + Config]));
        Assert.False(File.Exists(_root["/root/usr/local/bin/jobstats"]), "a change nobody was shown was made");
    }

    [Fact]
    public async Task An_approved_change_made_meanwhile_by_someone_else_is_not_an_error()
    {
        var shown = ApprovedPlan.From(await _h.PlanAsync());
        await _h.ApplySucceededAsync();
        var result = Assert.Single(await _h.ApplyAsync(approved: shown));
        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(0, result.Changed);
    }

    [Fact]
    public async Task A_saved_plan_is_refused_when_its_inventory_changed_or_it_is_not_a_plan()
    {
        await SavedPlan.SaveAsync(await _h.PlanAsync(), _inventoryFile, _root["/cluster.plan"], Ct);
        File.AppendAllText(_inventoryFile, "# a comment is a change too\n");
        var changed = await Assert.ThrowsAsync<UsageException>(() => SavedPlan.LoadAsync(_root["/cluster.plan"], Ct));
        Assert.Contains("has changed since", changed.Message);

        File.WriteAllText(_root["/junk.plan"], "{\"hosts\": [");
        Assert.Contains("is not a plan saved by", (await Assert.ThrowsAsync<UsageException>(() => SavedPlan.LoadAsync(_root["/junk.plan"], Ct))).Message);
        File.WriteAllText(_root["/other.json"], "{\"format\": \"something-else\"}");
        Assert.Contains("needs jobstatsctl-plan/1", (await Assert.ThrowsAsync<UsageException>(() => SavedPlan.LoadAsync(_root["/other.json"], Ct))).Message);
        Assert.Contains("no such plan file", (await Assert.ThrowsAsync<UsageException>(() => SavedPlan.LoadAsync(_root["/missing.plan"], Ct))).Message);
    }

    public void Dispose() => _root.Dispose();
}
