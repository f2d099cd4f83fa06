namespace Jobstats.Core.Config;

/// <summary>Label names the queries filter and group by.</summary>
public sealed class LabelNames
{
    public string Cluster { get; set; } = "cluster";
    public string JobId { get; set; } = "jobid";
    public string Step { get; set; } = "step";
    public string Task { get; set; } = "task";
    public string Instance { get; set; } = "instance";
    public string MinorNumber { get; set; } = "minor_number";
    /// <summary>MIG GPU instance id; empty for a whole GPU. Slices of one GPU share its minor number.</summary>
    public string GpuInstance { get; set; } = "GPU_I_ID";

    public IEnumerable<(string Key, Func<string> Get, Action<string> Set)> Entries() =>
    [
        ("cluster", () => Cluster, v => Cluster = v),
        ("jobid", () => JobId, v => JobId = v),
        ("step", () => Step, v => Step = v),
        ("task", () => Task, v => Task = v),
        ("instance", () => Instance, v => Instance = v),
        ("minor_number", () => MinorNumber, v => MinorNumber = v),
        ("gpu_instance", () => GpuInstance, v => GpuInstance = v),
    ];
}
