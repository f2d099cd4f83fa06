using Jobstats.Deploy.Engine;
using Jobstats.Deploy.Resources;
using Jobstats.Deploy.Tests.Support;
using Jobstats.Testing;

namespace Jobstats.Deploy.Tests.Engine;

/// <summary><c>plan --diff</c>: unified diffs of the text files apply would write, from what the host has now.</summary>
public sealed class PlanDiffTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Config = "/etc/jobstats/jobstats.yaml";
    private readonly TempDirectory _root = new();
    private readonly Harness _h;

    public PlanDiffTests() => _h = new Harness(TestInventories.Local(_root));

    private async Task<Dictionary<string, string>> DiffsAsync()
    {
        var plan = await _h.PlanAsync();
        var host = plan.Hosts.Single();
        await using var target = _h.Targets.Open(host.Host);
        var diffs = new Dictionary<string, string>();
        foreach (var change in host.Changes)
            if (await PlanDiff.ForAsync(change, target, Ct) is { } diff) diffs[change.Resource.Key] = diff;
        return diffs;
    }

    [Fact]
    public async Task A_hand_edit_shows_as_a_unified_diff_back_to_the_planned_file()
    {
        await _h.ApplySucceededAsync();
        var path = _root["/root" + Config];
        var planned = File.ReadAllText(path);
        File.WriteAllText(path, planned.Replace("sampling_period_seconds: 30", "sampling_period_seconds: 5", StringComparison.Ordinal) + "\u001b[31mred\n");

        var diff = Assert.Single(await DiffsAsync()).Value;
        Assert.StartsWith($"--- lab1:{Config} (now)\n+++ lab1:{Config} (planned)\n@@ -", diff);
        Assert.Matches(@"(?m)^- *sampling_period_seconds: 5\n\+ *sampling_period_seconds: 30$", diff);
        Assert.Contains("-\\x1b[31mred", diff);
        Assert.DoesNotContain('\u001b', diff);
    }

    [Fact]
    public async Task New_files_diff_from_dev_null_the_slurm_conf_block_is_shown_and_binaries_are_named_only()
    {
        File.WriteAllBytes(_root["/published/jobstats-exporter"], [0x7f, 0x45, 0x4c, 0x46, 0, 0, 1]);
        var diffs = await DiffsAsync();
        Assert.StartsWith($"--- /dev/null\n+++ lab1:{Config} (planned)\n", diffs["file:" + Config]);
        var block = diffs["block:/etc/slurm/slurm.conf"];
        Assert.Contains($"+{ManagedBlockResource.Begin}\n", block);
        Assert.Contains(" ClusterName=labcluster\n", block);
        Assert.Equal("Binary content of /usr/local/bin/jobstats-exporter created\n", diffs["file:/usr/local/bin/jobstats-exporter"]);
    }

    [Fact]
    public async Task A_converged_host_or_a_mode_change_has_no_diff()
    {
        await _h.ApplySucceededAsync();
        Assert.Empty(await DiffsAsync());
        File.SetUnixFileMode(_root["/root" + Config], UnixFileMode.UserRead);
        Assert.Empty(await DiffsAsync());
        Assert.True((await _h.PlanAsync()).HasChanges);
    }

    public void Dispose() => _root.Dispose();
}
