using System.CommandLine;
using Jobstats.Exporter;
using Jobstats.Exporter.Logging;
using Jobstats.Metrics.Http;
using Jobstats.Metrics.Security;

var listen = new Option<string>("--listen-address")
{
    Description = "Address to serve /metrics on: HOST:PORT, [IPv6]:PORT, or :PORT for all interfaces.",
    DefaultValueFactory = _ => ":9306",
};
var cgroupRoot = new Option<string>("--cgroup-root")
{
    Description = "Where the cgroup file systems are mounted.",
    DefaultValueFactory = _ => "/sys/fs/cgroup",
};
var gpustatDir = new Option<string>("--gpustat-dir")
{
    Description = "Directory of GPU ownership files written by the Slurm prolog.",
    DefaultValueFactory = _ => "/run/gpustat",
};
var nvmlLibrary = new Option<string>("--nvml-library")
{
    Description = "NVML library to load (file name or path).",
    DefaultValueFactory = _ => "libnvidia-ml.so.1",
};
var noCgroup = new Option<bool>("--no-cgroup-collector") { Description = "Do not export Slurm job cgroup metrics." };
var noGpu = new Option<bool>("--no-gpu-collector") { Description = "Do not export NVIDIA GPU metrics." };
var collectSteps = new Option<bool>("--collect-steps") { Description = "Also export every job step and task, not only jobs." };
var webConfig = new Option<string?>("--web.config.file")
{
    Description = "Web configuration file (the prometheus/exporter-toolkit format) for TLS and basic auth; see docs/exporter.md.",
};
var logLevel = new Option<string>("--log-level")
{
    Description = "Least severe log messages to write to stderr.",
    DefaultValueFactory = _ => "info",
};
logLevel.AcceptOnlyFromAmong("debug", "info", "warn", "error");

var root = new RootCommand(
    """
    jobstats-exporter: Prometheus metrics for the Slurm jobs on this node (CPU and memory from their cgroups,
    v1 or v2) and for its NVIDIA GPUs (through NVML), labelled with the job that holds them.

    Examples:
      jobstats-exporter
      jobstats-exporter --listen-address 127.0.0.1:9306 --collect-steps
      jobstats-exporter --no-gpu-collector --log-level debug
      jobstats-exporter --web.config.file /etc/jobstats/exporter-web.yml
      curl -s http://localhost:9306/metrics
    """)
{
    listen, cgroupRoot, gpustatDir, nvmlLibrary, noCgroup, noGpu, collectSteps, webConfig, logLevel,
};

root.SetAction((parse, cancel) =>
{
    Log.TryParseLevel(parse.GetValue(logLevel)!, out var level);
    var log = new Log(level);
    var address = parse.GetValue(listen)!;
    if (!ListenAddress.TryParse(address, out var ip, out var port, out var error))
    {
        Console.Error.WriteLine($"jobstats-exporter: {error}");
        return Task.FromResult(2);
    }
    WebSecurity? security = null;
    if (parse.GetValue(webConfig) is { } webConfigFile)
    {
        var problems = new List<string>();
        security = WebSecurity.Load(webConfigFile, problems);
        if (security is null)
        {
            foreach (var problem in problems) Console.Error.WriteLine($"jobstats-exporter: {problem}");
            return Task.FromResult(1);
        }
    }
    var options = new ExporterOptions(address, parse.GetValue(cgroupRoot)!, parse.GetValue(gpustatDir)!,
        parse.GetValue(nvmlLibrary)!, parse.GetValue(collectSteps), log, security);
    var disabled = new HashSet<string>();
    if (parse.GetValue(noCgroup)) disabled.Add("cgroup");
    if (parse.GetValue(noGpu)) disabled.Add("gpu");
    return ExporterHost.RunAsync(options, disabled, ip, port, cancel);
});

var result = root.Parse(args);
if (result.Errors.Count > 0)
{
    foreach (var parseError in result.Errors) Console.Error.WriteLine($"jobstats-exporter: {parseError.Message}");
    Console.Error.WriteLine("Try 'jobstats-exporter --help'.");
    return 2;
}
return await result.InvokeAsync();
