using Jobstats.Exporter.Cgroups;
using Jobstats.Exporter.Gpu;

namespace Jobstats.Exporter.Collectors;

/// <summary>All collectors the exporter knows; each is switched off by its own `--no-NAME-collector` flag.</summary>
internal static class CollectorCatalog
{
    public static IReadOnlyList<CollectorRegistration> All { get; } =
    [
        new("cgroup", EnabledByDefault: true, options => new CgroupCollector(options.CgroupRoot, options.CollectSteps, options.Log)),
        new("gpu", EnabledByDefault: true, options => new GpuCollector(options.NvmlLibrary, options.GpustatDir, options.Log)),
    ];

    public static IReadOnlyList<(string Name, ICollector Collector)> Create(ExporterOptions options, ISet<string> disabled) =>
        All.Where(r => r.EnabledByDefault && !disabled.Contains(r.Name))
           .Select(r => (r.Name, r.Create(options)))
           .ToList();
}
