using System.Globalization;
using System.Text;
using System.Text.Json;
using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Resources;

namespace Jobstats.Deploy.Components;

/// <summary>
/// file_sd JSON in shared storage listing every compute node, each target labelled with the cluster: Prometheus
/// picks up changes without a reload, and nodes need no BCM credentials.
/// </summary>
internal static class PrometheusTargetsComponent
{
    public static IEnumerable<Resource> Build(ComponentContext c, string role)
    {
        const string name = ComponentNames.PrometheusTargets;
        var dir = c.Inventory.Prometheus.TargetsDir;
        yield return new DirectoryResource(dir) { Component = name, Role = role, Why = "file_sd target lists Prometheus watches" };
        var nodes = c.Roles.Hosts(RoleNames.Compute);
        yield return new FileResource($"{dir}/{Layout.ExporterTargets}", Targets(c, nodes, c.Inventory.Ports.Exporter, Layout.ExporterTargets))
        { Component = name, Role = role, Why = "jobstats-exporter on every compute node" };
        yield return new FileResource($"{dir}/{Layout.NodeExporterTargets}", Targets(c, nodes, c.Inventory.Ports.NodeExporter, Layout.NodeExporterTargets))
        { Component = name, Role = role, Why = "node_exporter on every compute node" };
        var controllers = c.Roles.Hosts(RoleNames.Controller);
        yield return new FileResource($"{dir}/{Layout.SummaryServiceTargets}", Targets(c, controllers, c.Inventory.Ports.Summaries, Layout.SummaryServiceTargets))
        { Component = name, Role = role, Why = "the summary service on the slurmctld host (queue depth, oldest entry, failures)" };
    }

    private static Targets.FileContent Targets(ComponentContext c, IReadOnlyList<string> nodes, int port, string description)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            json.WriteStartObject();
            json.WriteStartArray("targets");
            foreach (var node in nodes) json.WriteStringValue($"{node}:{port.ToString(CultureInfo.InvariantCulture)}");
            json.WriteEndArray();
            json.WriteStartObject("labels");
            json.WriteString("cluster", c.Inventory.Cluster);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
        }
        buffer.WriteByte((byte)'\n');
        return Jobstats.Deploy.Targets.FileContent.FromText(Encoding.UTF8.GetString(buffer.ToArray()), $"file_sd list of {nodes.Count} node(s)");
    }
}
