using Jobstats.Exporter.Logging;
using Jobstats.Metrics.Security;

namespace Jobstats.Exporter;

/// <summary>Everything the command line decides, after validation.</summary>
internal sealed record ExporterOptions(
    string ListenAddress,
    string CgroupRoot,
    string GpustatDir,
    string NvmlLibrary,
    bool CollectSteps,
    Log Log,
    WebSecurity? Security = null);
