using System.Security.Cryptography;
using Jobstats.Deploy.Bcm;
using Jobstats.Deploy.Components;
using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Tests.Support;
using Jobstats.Deploy.Workflows;
using Jobstats.Processes;
using Jobstats.Testing;

namespace Jobstats.Deploy.Tests.Workflows;

/// <summary>
/// Targets follow BCM: after a node joins a category in (the fake) cmsh, refresh-targets rewrites the file_sd lists
/// and nothing else; when cmsh fails, nothing at all.
/// </summary>
public sealed class TargetRefreshTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly TempDirectory _root = new();
    private readonly FakeCmsh _cmsh;
    private readonly string _inventory;

    public TargetRefreshTests()
    {
        _cmsh = TestInventories.WholeCluster(_root);
        _inventory = _root.Combine("cluster.yaml");
        File.WriteAllText(_inventory, TestInventories.WholeClusterYaml(_root, _cmsh.Program, TestInventories.FakeBinaries(_root)));
    }

    private string TargetsDir => _root["/head/cm/shared/apps/jobstats/prometheus-targets"];

    private async Task ApplyAsync() =>
        await new Harness(InventoryLoader.LoadFile(_inventory), new CmshClient(_cmsh.Program, new ProcessRunner())).ApplySucceededAsync();

    /// <summary>Every file below the temp root with its content hash (a link: its target) and modification time.</summary>
    private Dictionary<string, (string, DateTime)> Snapshot() =>
        Directory.EnumerateFiles(_root.Path, "*", SearchOption.AllDirectories).Select(f => new FileInfo(f))
            .ToDictionary(f => f.FullName, f => (f.LinkTarget ?? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f.FullName))), f.LastWriteTimeUtc));

    [Fact]
    public async Task A_node_joining_the_category_reaches_the_target_lists_and_nothing_else_is_touched()
    {
        await ApplyAsync();
        Assert.DoesNotContain("dgx-003", File.ReadAllText($"{TargetsDir}/{Layout.ExporterTargets}"));
        var before = Snapshot();

        _cmsh.Set("category.dgx.nodes", "dgx-001,dgx-002,dgx-003");
        var refreshed = await TargetRefresh.RunAsync(_inventory, Ct);

        Assert.Equal([Layout.ExporterTargets, Layout.NodeExporterTargets], refreshed.Where(r => r.Rewritten).Select(r => Path.GetFileName(r.Path)));
        Assert.Contains(refreshed, r => !r.Rewritten && r.Path.EndsWith(Layout.SummaryServiceTargets, StringComparison.Ordinal));
        Assert.Contains("\"dgx-003:9306\"", File.ReadAllText($"{TargetsDir}/{Layout.ExporterTargets}"));
        Assert.Contains("\"dgx-003:9100\"", File.ReadAllText($"{TargetsDir}/{Layout.NodeExporterTargets}"));
        var after = Snapshot();
        var changed = after.Where(kv => !before.TryGetValue(kv.Key, out var old) || old != kv.Value).Select(kv => kv.Key).Order(StringComparer.Ordinal);
        Assert.Equal([$"{TargetsDir}/{Layout.ExporterTargets}", $"{TargetsDir}/{Layout.NodeExporterTargets}"], changed);
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));

        // The lists now match what apply wants: nothing left to do, and a second refresh rewrites nothing.
        Assert.Equal("", Harness.Pending(await new Harness(InventoryLoader.LoadFile(_inventory), new CmshClient(_cmsh.Program, new ProcessRunner())).PlanAsync()));
        Assert.All(await TargetRefresh.RunAsync(_inventory, Ct), r => Assert.False(r.Rewritten, r.Path));

        _cmsh.Set("category.dgx.nodes", "dgx-002");
        await TargetRefresh.RunAsync(_inventory, Ct);
        Assert.DoesNotContain("dgx-001", File.ReadAllText($"{TargetsDir}/{Layout.ExporterTargets}"));
    }

    [Fact]
    public async Task A_cmsh_failure_leaves_the_target_lists_untouched_with_a_clear_error()
    {
        await ApplyAsync();
        var before = Snapshot();
        File.WriteAllText(_cmsh.Program, "#!/bin/sh\necho 'cmsh: unable to connect to CMDaemon' >&2\nexit 1\n");

        var e = await Assert.ThrowsAsync<CmshException>(() => TargetRefresh.RunAsync(_inventory, Ct));
        Assert.Contains("unable to connect to CMDaemon", e.Message);
        Assert.Contains("the Prometheus targets were left as they were", e.Message);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public async Task Before_apply_nothing_is_written_and_the_error_says_to_apply_first()
    {
        var e = await Assert.ThrowsAsync<IOException>(() => TargetRefresh.RunAsync(_inventory, Ct));
        Assert.Contains("run jobstatsctl apply first", e.Message);
        Assert.False(Directory.Exists(TargetsDir));
    }

    public void Dispose()
    {
        _cmsh.Dispose();
        _root.Dispose();
    }
}
