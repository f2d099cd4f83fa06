using System.Globalization;
using Jobstats.Deploy.Resources;

namespace Jobstats.Deploy.Components;

/// <summary>jobstats-exporter on every compute node: binary, unit, enable link, service.</summary>
internal static class ExporterComponent
{
    public static IEnumerable<Resource> Build(ComponentContext c, string role)
    {
        const string name = ComponentNames.Exporter;
        foreach (var r in Binaries.Ours(c, "jobstats-exporter", name, role)) yield return r;
        var port = c.Inventory.Ports.Exporter.ToString(CultureInfo.InvariantCulture);
        string[] exec = [$"{Layout.BinDir}/jobstats-exporter", "--listen-address", $":{port}"];
        foreach (var r in ServiceUnits.Build(c, "jobstats-exporter", "systemd/jobstats-exporter.service", exec, null,
                     new Dictionary<string, string>(), [$"file:{Layout.BinDir}/jobstats-exporter"], name, role,
                     $"job cgroup and GPU metrics on :{port}"))
            yield return r;
    }
}
