using Jobstats.Deploy.Bcm;
using Jobstats.Deploy.Engine;
using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Planning;
using Jobstats.Processes;
using Jobstats.Testing;

namespace Jobstats.Deploy.Tests.Support;

/// <summary>Runs the engine in-process the way jobstatsctl does.</summary>
public sealed class Harness(Inventory inventory, CmshClient? cmsh = null)
{
    public Inventory Inventory { get; } = inventory;
    public ITargetFactory Targets { get; } = new TargetFactory(inventory, new ProcessRunner());
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The BCM image deployment of <see cref="TestInventories.DgxImageYaml"/>, its image holding an /etc already.</summary>
    public static Harness DgxImage(TempDirectory root, FakeCmsh fake)
    {
        Directory.CreateDirectory(root["/images/dgx-image/etc"]);
        return new Harness(InventoryLoader.Parse(TestInventories.DgxImageYaml(root, fake.Program, TestInventories.FakeBinaries(root))), new CmshClient(fake.Program, new ProcessRunner()));
    }

    /// <summary>Applies and asserts that every host succeeded.</summary>
    public async Task ApplySucceededAsync(string? logDir = null) =>
        Assert.All(await ApplyAsync(logDir: logDir), r => Assert.True(r.Succeeded, r.Error));

    public async Task<Deployment> DeploymentAsync() =>
        DeploymentBuilder.Build(Inventory, await RoleResolver.ResolveAsync(Inventory, cmsh, Ct), TestAssets.Instance);

    public async Task<Plan> PlanAsync() => await new Planner(Targets, cmsh).PlanAsync(await DeploymentAsync(), Ct);

    public async Task<IReadOnlyList<HostApplyResult>> ApplyAsync(int? abortAfter = null, string? logDir = null, ApprovedPlan? approved = null) =>
        await new Applier(Targets, cmsh, new ApplyOptions { AbortAfter = abortAfter, LogDirectory = logDir, Approved = approved }, SilentObserver.Instance).ApplyAsync(await DeploymentAsync(), Ct);

    public async Task<IReadOnlyList<HostApplyResult>> UninstallAsync(string? logDir = null) =>
        await new Uninstaller(Targets, cmsh, _ => { }, logDir).UninstallAsync(await DeploymentAsync(), Ct);

    public static string Pending(Plan plan) => string.Join("\n", plan.Hosts.SelectMany(h =>
        h.Error is not null ? [$"{h.Host.Name}: ERROR {h.Error}"] : h.Changes.Where(c => c.Drift.Action != Jobstats.Deploy.Resources.DriftAction.Ok).Select(c => $"{h.Host.Name}: {c.Resource.Key}: {c.Drift.Reason}")));
}
