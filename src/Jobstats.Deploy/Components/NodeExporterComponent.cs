using System.Globalization;
using Jobstats.Deploy.Resources;

namespace Jobstats.Deploy.Components;

/// <summary>Upstream node_exporter for the node panels: unit (and binary when the admin supplies one).</summary>
internal static class NodeExporterComponent
{
    public static IEnumerable<Resource> Build(ComponentContext c, string role)
    {
        const string name = ComponentNames.NodeExporter;
        foreach (var r in Binaries.Upstream(c, "node_exporter", name, role)) yield return r;
        var port = c.Inventory.Ports.NodeExporter.ToString(CultureInfo.InvariantCulture);
        string[] exec = [Binaries.UpstreamPath(c, "/usr/bin/prometheus-node-exporter", "node_exporter"), $"--web.listen-address=:{port}"];
        foreach (var r in ServiceUnits.Build(c, "node_exporter", "systemd/node_exporter.service", exec, null,
                     new Dictionary<string, string>(), [], name, role, $"node metrics on :{port}"))
            yield return r;
    }
}
