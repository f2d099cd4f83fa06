using System.Collections.Concurrent;
using Jobstats.Deploy.Engine;
using Jobstats.Deploy.Planning;
using Jobstats.Deploy.State;
using Jobstats.Deploy.Targets;

namespace Jobstats.Deploy.Tests.Support;

/// <summary>
/// Opens one <see cref="InMemoryTarget"/> a host and hands the same one back each time, so what an apply wrote is
/// what the next plan or verify sees.
/// </summary>
public sealed class InMemoryTargetFactory(Func<string, InMemoryTarget> create) : ITargetFactory
{
    private readonly ConcurrentDictionary<string, InMemoryTarget> _targets = new(StringComparer.Ordinal);

    public const string StateDirectory = "/var/lib/jobstatsctl";

    public InMemoryTargetFactory() : this(host => new InMemoryTarget(host)) { }

    public InMemoryTarget this[string host] => _targets.GetOrAdd(host, create);

    public int RoundTrips => _targets.Values.Sum(target => target.RoundTrips);

    public IHostTarget Open(HostDeployment host) => this[host.Name];

    public IHostTarget OpenControl() => this["head-node"];

    public ManifestStore StateFor(HostDeployment host, IHostTarget opened) => new(opened, StateDirectory);
}
