using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Planning;
using Jobstats.Deploy.State;
using Jobstats.Deploy.Targets;
using Jobstats.Processes;

namespace Jobstats.Deploy.Engine;

/// <summary>The real targets: this machine (optionally under a root), a software image, or ssh; each place's own with a whole-cluster inventory.</summary>
public sealed class TargetFactory(Inventory inventory, IProcessRunner runner) : ITargetFactory
{
    private readonly TargetSettings _t = inventory.Target;

    public IHostTarget Open(HostDeployment host)
    {
        // Each place of a whole-cluster inventory carries its own target; a single-target inventory's share the one.
        var t = host.Target ?? _t;
        return host.Placement switch
        {
            Placement.Image => new LocalTarget(host.Name, t.Root, TargetKind.Image, false, runner),
            Placement.HeadNode => new LocalTarget(host.Name, _t.SharedRoot, TargetKind.Local, _t.SharedRoot == "/", runner),
            _ when t.Kind == TargetKind.Ssh => new SshTarget(host.Name, t.Ssh, t.Root, t.ManageServices, runner),
            _ => new LocalTarget(host.Name, t.Root, TargetKind.Local, t.ManageServices, runner),
        };
    }

    public IHostTarget OpenControl() => new LocalTarget("head-node", _t.SharedRoot, TargetKind.Local, false, runner);

    public ManifestStore StateFor(HostDeployment host, IHostTarget opened) => host.Placement switch
    {
        // An image's bookkeeping stays on the head node: it must not ride along to every node.
        Placement.Image => new ManifestStore(new LocalTarget("head-node", _t.SharedRoot, TargetKind.Local, false, runner), $"{_t.StateDir}/images/{host.Name}"),
        Placement.HeadNode => new ManifestStore(opened, $"{_t.StateDir}/head-node"),
        _ => new ManifestStore(opened, _t.StateDir),
    };
}
