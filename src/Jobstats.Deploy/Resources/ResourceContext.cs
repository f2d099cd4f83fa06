using Jobstats.Deploy.Bcm;
using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Targets;

namespace Jobstats.Deploy.Resources;

/// <summary>Everything a resource needs to read and converge its state on one host.</summary>
public sealed class ResourceContext(IHostTarget target, Inventory inventory, CmshClient? cmsh, Action<string> log)
{
    public IHostTarget Target { get; } = target;
    public Inventory Inventory { get; } = inventory;
    public CmshClient? Cmsh { get; } = cmsh;
    public Action<string> Log { get; } = log;

    /// <summary>Where the manifest and backups live: the target itself, except for an image (the head node).</summary>
    public IHostTarget StateTarget { get; init; } = target;
    private bool? _systemd;

    public async Task<bool> SystemdAsync(CancellationToken ct) => _systemd ??= await Target.HasSystemdAsync(ct).ConfigureAwait(false);

    public CmshClient RequireCmsh() => Cmsh ?? throw new InvalidOperationException("this resource needs cmsh, but bcm.enabled is false");
}
