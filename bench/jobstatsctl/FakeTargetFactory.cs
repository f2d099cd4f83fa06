using Jobstats.Deploy.Engine;
using Jobstats.Deploy.Planning;
using Jobstats.Deploy.State;
using Jobstats.Deploy.Targets;

namespace Jobstatsctl.Bench;

internal sealed class FakeTargetFactory(IReadOnlyDictionary<string, PathInfo> state, TimeSpan roundTrip) : ITargetFactory
{
    public IHostTarget Open(HostDeployment host) => new FakeTarget(host.Name, state, roundTrip);
    public ManifestStore StateFor(HostDeployment host, IHostTarget opened) => new(opened, "/var/lib/jobstatsctl");
}
