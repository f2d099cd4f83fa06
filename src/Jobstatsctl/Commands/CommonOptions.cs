using System.CommandLine;

namespace Jobstatsctl.Commands;

internal static class CommonOptions
{
    public static Option<FileInfo> Inventory(bool required = true) => new("--inventory", "-i")
    {
        Description = "Inventory YAML describing the cluster (roles, target, Prometheus, ports, binaries)",
        Required = required,
    };

    /// <summary>apply and uninstall ask on a terminal; plan accepts the flag so one command line serves all three.</summary>
    public static Option<bool> Yes(string description = "Do not ask for confirmation on a terminal") => new("--yes", "-y") { Description = description };

    public static Option<string> LogDirectory(string description = "Directory for one log file per host (HOST.log, appended)") => new("--log-dir")
    {
        Description = description,
        DefaultValueFactory = _ => "/var/log/jobstatsctl",
    };
}
