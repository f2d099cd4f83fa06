using System.Globalization;
using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Resources;

namespace Jobstats.Deploy.Components;

/// <summary>
/// Targets follow BCM: a timer on the head node runs <c>jobstatsctl refresh-targets</c>, which asks cmsh who is in
/// each category and rewrites the file_sd lists (Prometheus re-reads them on its own). Only the head node talks to
/// BCM; nodes need no credentials. Deployed with the prometheus role when a role names a <c>category:</c>, since
/// only then can membership change without the inventory changing.
/// </summary>
internal static class RefreshTargetsComponent
{
    public const string Unit = "jobstats-refresh-targets";

    public static IEnumerable<Resource> Build(ComponentContext c, string role)
    {
        var inv = c.Inventory;
        if (!inv.Bcm.Enabled || !inv.Roles.Values.SelectMany(e => e).Any(e => e.IsCategory)) yield break;
        const string name = ComponentNames.RefreshTargets;
        yield return new FileResource(Layout.InventoryCopy, FileContent(c), FileModes.Private)
        { Component = name, Role = role, Why = "the inventory the refresh-targets timer reads (a copy: the admin's file may move)" };
        string[] exec = [inv.Binaries.Jobstatsctl, "refresh-targets", "-i", Layout.InventoryCopy];
        var seconds = Durations.TryParse(inv.Prometheus.RefreshInterval, out var t) ? (long)Math.Max(1, t.TotalSeconds) : 300;
        string[] loop = ["/bin/sh", "-c", $"while :; do \"$0\" \"$@\"; sleep {seconds.ToString(CultureInfo.InvariantCulture)}; done", .. exec];
        foreach (var r in ServiceUnits.Timer(c, Unit, exec, inv.Prometheus.RefreshInterval, loop,
                     new Dictionary<string, string> { ["cluster"] = inv.Cluster }, name, role,
                     "rewrites the Prometheus file_sd targets when nodes join or leave a BCM category"))
            yield return r;
    }

    private static Targets.FileContent FileContent(ComponentContext c) =>
        Targets.FileContent.FromText(c.Inventory.Text, $"copy of {Path.GetFileName(c.Inventory.SourcePath)}");
}
