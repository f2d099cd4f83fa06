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
        List<string> restartWhenChanged = [$"file:{Layout.BinDir}/jobstats-exporter"];
        var security = c.Inventory.Exporter;
        if (security.Enabled)
        {
            yield return new DirectoryResource(Layout.ConfigDir) { Component = name, Role = role, Why = "jobstats configuration" };
            // Rendered once for every node (the hash is the same everywhere); root only: it holds the password's hash.
            var content = c.Deferred("exporter-web", () => ExporterWebConfig.Render(security, c.Inventory.Cluster,
                () => ExporterWebConfig.ReadPassword(security.BasicAuth!.PasswordFile)), "rendered exporter web configuration");
            var webConfig = new FileResource(Layout.ExporterWebConfig, content, FileModes.Private)
            { Component = name, Role = role, Why = "TLS and basic auth for the exporter (--web.config.file)" };
            yield return webConfig;
            exec = [.. exec, "--web.config.file", Layout.ExporterWebConfig];
            restartWhenChanged.Add(webConfig.Key);
        }
        var scheme = security.Tls is null ? "" : ", https";
        foreach (var r in ServiceUnits.Build(c, "jobstats-exporter", "systemd/jobstats-exporter.service", exec, null,
                     new Dictionary<string, string>(), restartWhenChanged, name, role,
                     $"job cgroup and GPU metrics on :{port}{scheme}"))
            yield return r;
    }
}
