using Jobstats.Deploy.Inventories;

namespace Jobstats.Deploy.ImagingAudit.Checks;

/// <summary>Components on images whose roles do not need them: Prometheus and promtool belong on the prometheus role only.</summary>
internal sealed class RoleFitCheck : IAuditCheck
{
    private sealed record Component(string Role, string Name, Verdict Verdict, string[] Paths);

    private static readonly Component[] RoleBound =
    [
        new(RoleNames.Prometheus, "Prometheus", Verdict.Blocking,
        [
            "/usr/local/bin/prometheus", "/usr/local/bin/promtool", "/usr/bin/prometheus", "/usr/bin/promtool",
            "/etc/systemd/system/prometheus.service", "/etc/systemd/system/multi-user.target.wants/prometheus.service",
            "/usr/lib/systemd/system/prometheus.service", "/lib/systemd/system/prometheus.service", "/etc/prometheus/prometheus.yml",
        ]),
        new(RoleNames.Grafana, "Grafana", Verdict.Warning,
        [
            "/usr/sbin/grafana-server", "/usr/share/grafana/bin/grafana", "/etc/systemd/system/multi-user.target.wants/grafana-server.service",
        ]),
    ];

    public void Run(AuditContext context)
    {
        var roles = string.Join(", ", context.Request.Roles);
        foreach (var component in RoleBound)
        {
            if (context.Request.HasRole(component.Role))
            {
                continue;
            }
            var found = component.Paths.Where(context.Image.Exists)
                .Concat(context.Request.Paths.Where(p => string.Equals(p.Role, component.Role, StringComparison.OrdinalIgnoreCase)).Select(p => p.Path))
                .Distinct()
                .ToList();
            foreach (var path in found)
            {
                context.Add(FindingGroup.RoleFit, path, component.Verdict,
                    $"{component.Name} belongs only on the {component.Role} role; this category's roles are {roles}: every node would carry (and may start) it",
                    component.Role);
            }
            if (found.Count == 0)
            {
                context.Add(FindingGroup.RoleFit, $"({component.Role})", Verdict.Ok, $"no {component.Name} in an image for roles {roles}");
            }
        }
    }
}
