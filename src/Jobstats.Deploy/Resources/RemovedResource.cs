using Jobstats.Deploy.State;
using Jobstats.Deploy.Targets;

namespace Jobstats.Deploy.Resources;

/// <summary>
/// Something a manifest records as ours that the inventory no longer asks for (a role, component or host dropped):
/// planned as a removal, and undone by apply exactly as uninstall would undo it, its manifest entry then dropped.
/// </summary>
/// <param name="why">Why it goes; by default that the inventory no longer wants it.</param>
internal sealed class RemovedResource(ManifestEntry entry, string? why = null) : Resource
{
    public ManifestEntry Entry => entry;

    /// <summary>The removal and what it does (remove, restore, put back), for plans.</summary>
    public Drift Drift => Drift.Remove(Describe(entry, why ?? $"no longer wanted ({entry.Component}, role {entry.Role})"));

    public override ResourceKind Kind => Enum.TryParse<ResourceKind>(entry.Kind, out var kind) ? kind : ResourceKind.File;
    public override string Key => entry.Key;
    public override string? Path => entry.Path;

    public override Task<Drift> InspectAsync(ResourceContext context, PathInfo? current, CancellationToken ct) =>
        Task.FromResult(Drift);

    public override Task ApplyAsync(ResourceContext context, CancellationToken ct) =>
        ManifestUndo.UndoAsync(context.Target, context.StateTarget, entry, context.Cmsh, context.Log, ct);

    private static string Describe(ManifestEntry e, string what) =>
        e switch
        {
            { Kind: nameof(ResourceKind.Service) } => $"{what}: stop it",
            { Kind: nameof(ResourceKind.CmshSetting) } => $"{what}: put back '{e.PreviousValue}'",
            { PreviousLinkTarget: { } link } => $"{what}: point it back to {link}",
            { BackupFile: not null, RestoreBackupOnUninstall: true } => $"{what}: restore the file it replaced",
            { Kind: nameof(ResourceKind.ManagedBlock) } => $"{what}: remove our block",
            { Created: true } => $"{what}: remove it",
            { PreviousMode: { } mode } => $"{what}: mode back to {FileModes.Octal(mode)}",
            _ => what,
        };
}
