namespace Jobstats.Deploy.Inventories;

/// <summary>
/// The roles an inventory assigns, as written under <c>roles:</c> and carried by every resource. Named
/// <c>RoleNames</c> rather than <c>Roles</c> because <c>Roles</c> is the property that holds them on the inventory,
/// the resolved roles and each host.
/// </summary>
public static class RoleNames
{
    /// <summary>The slurmctld host: jobstats, the summary service, the slurmctld epilog and the Slurm settings.</summary>
    public const string Controller = "controller";

    /// <summary>Where users run <c>jobstats</c>.</summary>
    public const string Login = "login";

    /// <summary>GPU nodes: the exporters and the node prolog/epilog.</summary>
    public const string Compute = "compute";

    /// <summary>The Prometheus server and its file_sd target lists.</summary>
    public const string Prometheus = "prometheus";

    /// <summary>The Grafana server that loads the single-job dashboard.</summary>
    public const string Grafana = "grafana";

    /// <summary>Every role, in the order the inventory documentation lists them.</summary>
    public static readonly IReadOnlyList<string> All = [Controller, Login, Compute, Prometheus, Grafana];
}
