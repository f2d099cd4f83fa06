using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Resources;

namespace Jobstats.Deploy.Components;

/// <summary>Where each program comes from and where it runs from; nothing is ever downloaded.</summary>
internal static class Binaries
{
    /// <summary>A published jobstats program copied to /usr/local/bin, unless it is already the very same file.</summary>
    public static IEnumerable<Resource> Ours(ComponentContext c, string name, string component, string role)
    {
        var source = Path.Combine(c.Inventory.Binaries.JobstatsDir, name);
        var destination = $"{Layout.BinDir}/{name}";
        // Only when every role lands on this machine: a whole-cluster inventory also writes images and other hosts.
        var local = c.Inventory is { Targets: null, Target: { Kind: TargetKind.Local, Root: "/" } };
        if (local && Path.GetFullPath(source) == destination) yield break;
        yield return new FileResource(destination, c.Copy(source), FileModes.Executable) { Component = component, Role = role, Why = $"the {name} program (NativeAOT build)" };
    }

    /// <summary>Path an upstream program runs from: the OS package's, or our copy from the admin's directory.</summary>
    public static string UpstreamPath(ComponentContext c, string osPackagePath, string name) =>
        c.Inventory.Binaries.UpstreamFromOsPackages ? osPackagePath : $"{Layout.BinDir}/{name}";

    public static IEnumerable<Resource> Upstream(ComponentContext c, string name, string component, string role)
    {
        if (c.Inventory.Binaries.UpstreamFromOsPackages) yield break;
        var source = Path.Combine(c.Inventory.Binaries.Upstream, name);
        yield return new FileResource($"{Layout.BinDir}/{name}", c.Copy(source), FileModes.Executable) { Component = component, Role = role, Why = $"upstream {name}, from {c.Inventory.Binaries.Upstream}" };
    }
}
