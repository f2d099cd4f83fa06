using Jobstats.Deploy.Planning;
using Jobstats.Deploy.State;
using Jobstats.Deploy.Targets;

namespace Jobstats.Deploy.Engine;

/// <summary>Opens the target for a deployment place and the store holding its manifest; tests and benchmarks substitute it.</summary>
public interface ITargetFactory
{
    IHostTarget Open(HostDeployment host);
    ManifestStore StateFor(HostDeployment host, IHostTarget opened);

    /// <summary>The machine jobstatsctl runs on (the head node), which keeps the list of hosts deployed over ssh.</summary>
    IHostTarget OpenControl();
}
