using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Planning;
using Jobstats.Deploy.State;
using Jobstats.Deploy.Targets;
using Jobstats.Processes;

namespace Jobstats.Deploy.Engine;

/// <summary>The real targets: this machine (optionally under a root), a software image, or ssh.</summary>
public sealed class TargetFactory(Inventory inventory, IProcessRunner runner) : ITargetFactory
{
    private readonly TargetSettings _t = inventory.Target;

    public IHostTarget Open(HostDeployment host) => host.Placement switch
    {
        Placement.Image => new LocalTarget(host.Name, _t.Root, TargetKind.Image, false, runner),
        Placement.HeadNode => new LocalTarget(host.Name, _t.SharedRoot, TargetKind.Local, _t.SharedRoot == "/", runner),
        _ when _t.Kind == TargetKind.Ssh => new SshTarget(host.Name, _t.Ssh, _t.Root, _t.ManageServices, runner),
        _ => new LocalTarget(host.Name, _t.Root, TargetKind.Local, _t.ManageServices, runner),
    };

    public IHostTarget OpenControl() => new LocalTarget("head-node", _t.SharedRoot, TargetKind.Local, false, runner);

    public ManifestStore StateFor(HostDeployment host, IHostTarget opened) => host.Placement switch
    {
        // An image's bookkeeping stays on the head node: it must not ride along to every node.
        Placement.Image => new ManifestStore(new LocalTarget("head-node", _t.SharedRoot, TargetKind.Local, false, runner), $"{_t.StateDir}/images/{host.Name}"),
        Placement.HeadNode => new ManifestStore(opened, $"{_t.StateDir}/head-node"),
        _ => new ManifestStore(opened, _t.StateDir),
    };
}
