namespace Jobstats.Deploy.ImagingAudit;

/// <summary>
/// The paths an apply lays out per role under the default layout of issue 4 (binaries in /usr/local/bin, config in
/// /etc/jobstats, units in /etc/systemd/system enabled by symlink, Slurm scripts on shared storage linked as 60-…
/// from the node-local prolog/epilog directories). Used when no deployment plan is supplied, and by tests; the
/// plan, when wired in, is the authority.
/// </summary>
public static class DefaultLayoutPaths
{
    private const string Units = "/etc/systemd/system";
    private const string Wants = "/etc/systemd/system/multi-user.target.wants";
    private const string SharedScripts = "/cm/shared/apps/slurm/var/cm";

    public static IReadOnlyList<AuditedPath> For(IEnumerable<string> roles)
    {
        var paths = new List<AuditedPath>();
        foreach (var role in roles.Select(r => r.ToLowerInvariant()).Distinct())
        {
            paths.AddRange(role switch
            {
                "compute" => Compute(),
                "login" => Cli(role),
                "controller" =>
                [
                    .. Cli(role), new($"{SharedScripts}/slurmctld-epilog-jobstats.sh", AuditedPathKind.File, "slurmctld-epilog", role),
                    new("/var/spool/jobstats", AuditedPathKind.Directory, "summary-service", role),
                    .. Service("jobstats-summaries", "summary-service", role),
                ],
                "prometheus" => Prometheus(),
                _ => [],
            });
        }
        return paths.DistinctBy(p => (p.Path, p.Kind)).ToList();
    }

    private static IEnumerable<AuditedPath> Compute()
    {
        const string role = "compute";
        yield return new("/usr/local/bin/jobstats-exporter", AuditedPathKind.File, "jobstats-exporter", role);
        foreach (var path in Service("jobstats-exporter", "jobstats-exporter", role))
        {
            yield return path;
        }
        foreach (var path in Service("node_exporter", "node_exporter", role))
        {
            yield return path;
        }
        foreach (var (script, directory) in new[] { ("prolog-jobstats.sh", "prologs"), ("epilog-jobstats.sh", "epilogs") })
        {
            var shared = $"{SharedScripts}/{script}";
            yield return new(shared, AuditedPathKind.File, "slurm-node-scripts", role);
            yield return new($"/cm/local/apps/slurm/var/{directory}/60-{script}", AuditedPathKind.Symlink, "slurm-node-scripts", role, shared);
        }
        yield return new("/run/gpustat", AuditedPathKind.Directory, "slurm-node-scripts", role);
    }

    private static IEnumerable<AuditedPath> Cli(string role) =>
    [
        new("/usr/local/bin/jobstats", AuditedPathKind.File, "jobstats", role),
        new("/usr/local/bin/jobstats-summaries", AuditedPathKind.File, "jobstats", role),
        new("/etc/jobstats", AuditedPathKind.Directory, "jobstats", role),
        new("/etc/jobstats/jobstats.yaml", AuditedPathKind.File, "jobstats", role),
    ];

    private static IEnumerable<AuditedPath> Prometheus()
    {
        const string role = "prometheus";
        yield return new("prometheus", AuditedPathKind.User, "prometheus", role);
        yield return new("/etc/prometheus", AuditedPathKind.Directory, "prometheus", role);
        yield return new("/etc/prometheus/prometheus.yml", AuditedPathKind.File, "prometheus", role);
        yield return new("/var/lib/prometheus", AuditedPathKind.Directory, "prometheus", role);
        yield return new("/cm/shared/apps/jobstats/prometheus-targets", AuditedPathKind.Directory, "prometheus-targets", role);
        foreach (var path in Service("prometheus", "prometheus", role))
        {
            yield return path;
        }
    }

    private static IEnumerable<AuditedPath> Service(string unit, string component, string role)
    {
        var file = $"{Units}/{unit}.service";
        yield return new(file, AuditedPathKind.Unit, component, role);
        yield return new($"{Wants}/{unit}.service", AuditedPathKind.Symlink, component, role, file);
    }
}
