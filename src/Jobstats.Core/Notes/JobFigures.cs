using Jobstats.Core.Config;
using Jobstats.Core.Efficiency;
using Jobstats.Core.Formatting;

namespace Jobstats.Core.Notes;

/// <summary>The named figures of a job that note rules may test and print.</summary>
internal static class JobFigures
{
    private static readonly string[] NumberNames =
    [
        "gpus", "nodes", "cores", "run_time_seconds", "time_limit_seconds", "time_efficiency", "cpu_efficiency",
        "cpu_memory_efficiency", "gpu_utilization", "gpu_memory_efficiency", "unused_gpus", "unused_nodes",
        "cores_per_node", "cores_per_gpu", "memory_used_gb", "memory_allocated_gb", "memory_unused_gb",
        "memory_used_per_node_gb", "memory_allocated_per_node_gb", "suggested_mem_per_node_gb", "serial_ratio",
        "running", "completed", "sampled_too_briefly", "sampling_period_seconds",
    ];

    private static readonly string[] TextNames =
        ["job_id", "user", "account", "job_name", "state", "qos", "partition", "cluster", "run_time", "time_limit"];

    /// <summary>Every figure name a rule may use (thresholds included under their config keys).</summary>
    public static IReadOnlySet<string> Names { get; } =
        new HashSet<string>(NumberNames.Concat(TextNames).Concat(new Thresholds().Entries().Select(e => e.Key)), StringComparer.Ordinal);

    public static IReadOnlyDictionary<string, FigureValue> From(JobAnalysis job, JobstatsConfig config)
    {
        var f = new Dictionary<string, FigureValue>(StringComparer.Ordinal);
        var r = job.Record;
        const double GiB = 1024.0 * 1024 * 1024;

        f["job_id"] = FigureValue.Of(r.JobId);
        f["user"] = FigureValue.Of(r.User);
        f["account"] = FigureValue.Of(r.Account);
        f["job_name"] = FigureValue.Of(r.JobName);
        f["state"] = FigureValue.Of(r.State);
        f["qos"] = FigureValue.Of(r.Qos);
        f["partition"] = FigureValue.Of(r.Partition);
        f["cluster"] = FigureValue.Of(r.Cluster);
        f["run_time"] = FigureValue.Of(Units.HumanSeconds(job.RunSeconds));
        f["time_limit"] = FigureValue.Of(r.TimeLimitMinutes is long m ? Units.HumanSeconds(m * 60) : r.TimeLimitText);

        f["gpus"] = FigureValue.Of(r.Gpus);
        f["nodes"] = FigureValue.Of(r.Nodes);
        f["cores"] = FigureValue.Of(r.Cores);
        f["run_time_seconds"] = FigureValue.Of(job.RunSeconds);
        if (r.TimeLimitMinutes is long limit) f["time_limit_seconds"] = FigureValue.Of(limit * 60);
        if (job.TimeEfficiency is long te) f["time_efficiency"] = FigureValue.Of(te);
        f["running"] = FigureValue.Of(r.IsRunning);
        f["completed"] = FigureValue.Of(r.State == "COMPLETED");
        f["sampled_too_briefly"] = FigureValue.Of(job.SampledTooBriefly);
        f["sampling_period_seconds"] = FigureValue.Of(config.SamplingPeriodSeconds);
        if (r.Nodes > 0) f["cores_per_node"] = FigureValue.Of((double)r.Cores / r.Nodes);
        if (r.Gpus > 0) f["cores_per_gpu"] = FigureValue.Of((double)r.Cores / r.Gpus);

        if (job.Cpu.Error == UsageError.None)
        {
            f["cpu_efficiency"] = FigureValue.Of(job.CpuEfficiencyPercent);
            f["unused_nodes"] = FigureValue.Of(job.UnusedNodes);
            if (r.Cores > 0) f["serial_ratio"] = FigureValue.Of(job.CpuEfficiencyPercent / (100.0 / r.Cores));
        }
        if (job.Memory.Error == UsageError.None)
        {
            int nodes = Math.Max(1, job.Memory.Nodes.Count);
            double usedGb = job.Memory.Used / GiB, allocGb = job.Memory.Allocated / GiB;
            double maxNodeUsedGb = job.Memory.Nodes.Max(n => n.Used) / GiB;
            f["cpu_memory_efficiency"] = FigureValue.Of(job.MemoryPercent);
            f["memory_used_gb"] = FigureValue.Of(PythonNumbers.Round(usedGb, 1));
            f["memory_allocated_gb"] = FigureValue.Of(PythonNumbers.Round(allocGb, 1));
            f["memory_unused_gb"] = FigureValue.Of(PythonNumbers.Round(allocGb - usedGb, 1));
            f["memory_used_per_node_gb"] = FigureValue.Of(PythonNumbers.Round(usedGb / nodes, 1));
            f["memory_allocated_per_node_gb"] = FigureValue.Of(PythonNumbers.Round(allocGb / nodes, 1));
            f["suggested_mem_per_node_gb"] = FigureValue.Of(Units.RoundedMemoryWithSafety(maxNodeUsedGb));
        }
        if (job.Gpu is { Error: UsageError.None } gpu)
        {
            f["gpu_utilization"] = FigureValue.Of(PythonNumbers.Round(gpu.Mean, 1));
            f["unused_gpus"] = FigureValue.Of(job.UnusedGpus);
        }
        if (job.GpuMemory is { Error: UsageError.None }) f["gpu_memory_efficiency"] = FigureValue.Of(job.GpuMemoryPercent);

        foreach (var (key, get, _) in config.Thresholds.Entries()) f[key] = FigureValue.Of(get());
        return f;
    }
}
