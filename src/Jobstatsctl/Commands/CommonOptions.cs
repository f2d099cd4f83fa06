using System.CommandLine;

namespace Jobstatsctl.Commands;

internal static class CommonOptions
{
    public static Option<FileInfo> Inventory() => new("--inventory", "-i")
    {
        Description = "Inventory YAML describing the cluster (roles, target, Prometheus, ports, binaries)",
        Required = true,
    };
}
