namespace Jobstats.Core.Notes;

/// <summary>
/// The notes every installation starts with, in our own words. Sites add their own rules (or switch these off)
/// in the config file; both kinds go through the same parser, so a typo in a figure name fails loudly.
/// </summary>
internal static class DefaultNoteRules
{
    private const string LongEnough = "run_time_seconds > min_runtime_seconds";

    public static IReadOnlyList<NoteRule> All { get; } =
    [
        NoteRule.Create("unused-gpu", NoteStyle.BoldRed, ["gpus == 1", "unused_gpus > 0", LongEnough], [],
            ["The GPU allocated to this job was never used. Make sure the code is built and configured to run on " +
             "GPUs; an idle GPU is one that nobody else can use while the job holds it."]),
        NoteRule.Create("unused-gpus", NoteStyle.BoldRed, ["gpus > 1", "unused_gpus > 0", LongEnough], [],
            ["GPUs allocated to this job but never used: {unused_gpus} of {gpus}. Request only as many GPUs as the " +
             "code actually drives, and check that it is able to use more than one."]),
        NoteRule.Create("cpu-not-used", NoteStyle.BoldRed, ["nodes == 1", "unused_nodes > 0", LongEnough], [],
            ["This job recorded no CPU time at all. Check that the program really started, for instance by looking " +
             "at the job's output file."]),
        NoteRule.Create("unused-nodes", NoteStyle.BoldRed, ["nodes > 1", "unused_nodes > 0", LongEnough], [],
            ["Nodes allocated to this job that did no work: {unused_nodes} of {nodes}. Unless the code is able to run " +
             "across nodes (MPI, for example), request a single node."]),
        NoteRule.Create("low-gpu-utilization", NoteStyle.BoldRed,
            ["gpus > 0", "unused_gpus == 0", "gpu_utilization < gpu_util_red", LongEnough], [],
            ["The GPUs of this job were busy only {gpu_utilization}% of the time. Look for work that keeps them " +
             "waiting (data loading, CPU preprocessing, small batches), or run the job on CPUs instead."]),
        NoteRule.Create("fair-gpu-utilization", NoteStyle.Normal,
            ["gpus > 0", "unused_gpus == 0", "gpu_utilization >= gpu_util_red", "gpu_utilization < gpu_util_black", LongEnough], [],
            ["The GPU utilization of this job ({gpu_utilization}%) is on the low side. Profiling the code may show " +
             "where the GPUs wait."]),
        NoteRule.Create("low-cpu-utilization", NoteStyle.BoldRed,
            ["gpus == 0", "unused_nodes == 0", "cores > 1", "cpu_efficiency < cpu_util_red", LongEnough], [],
            ["This job kept its {cores} CPU cores busy only {cpu_efficiency}% of the time. Request fewer cores, " +
             "or check that the code runs in parallel as intended (a short scaling test helps)."]),
        NoteRule.Create("low-cpu-utilization-one-core", NoteStyle.BoldRed,
            ["gpus == 0", "unused_nodes == 0", "cores == 1", "cpu_efficiency < cpu_util_red", LongEnough], [],
            ["The CPU core of this job was busy only {cpu_efficiency}% of the time. Jobs that mostly wait " +
             "(on files, the network or user input) may fit better elsewhere."]),
        NoteRule.Create("fair-cpu-utilization", NoteStyle.Normal,
            ["gpus == 0", "unused_nodes == 0", "cpu_efficiency >= cpu_util_red", "cpu_efficiency < cpu_util_black", LongEnough], [],
            ["The CPU utilization of this job ({cpu_efficiency}%) is fair but could be better. Fewer cores may " +
             "finish in about the same time."]),
        NoteRule.Create("out-of-memory", NoteStyle.BoldRed, ["state == 'OUT_OF_MEMORY'"], [],
            ["This job was stopped because it needed more CPU memory than it requested. Submit it again with a " +
             "larger request, for example with --mem or --mem-per-cpu."]),
        NoteRule.Create("timeout", NoteStyle.BoldRed, ["state == 'TIMEOUT'"], [],
            ["This job was stopped when it reached its time limit of {time_limit}. Request more time with --time, " +
             "or let the code write checkpoints so that a new job can continue where this one stopped."]),
        NoteRule.Create("time-limit-far-too-long", NoteStyle.BoldRed,
            ["completed == 1", "time_efficiency <= time_efficiency_red", "time_efficiency < time_efficiency_black",
             "run_time_seconds > 900"], [],
            ["This job ran for {run_time}, only {time_efficiency}% of its {time_limit} time limit. A time limit close " +
             "to the real run time (plus a safety margin) lets the scheduler start your jobs sooner."]),
        NoteRule.Create("time-limit-too-long", NoteStyle.Normal,
            ["completed == 1", "time_efficiency > time_efficiency_red", "time_efficiency < time_efficiency_black",
             "run_time_seconds > 900"], [],
            ["This job used {time_efficiency}% of its {time_limit} time limit. A tighter --time helps the scheduler " +
             "start your jobs sooner."]),
        NoteRule.Create("excess-memory", NoteStyle.Normal,
            ["cpu_memory_efficiency < min_memory_usage", "memory_unused_gb >= 4", "state != 'OUT_OF_MEMORY'",
             "unused_nodes == 0", LongEnough], [],
            ["This job used {memory_used_gb} GB of the {memory_allocated_gb} GB of CPU memory it requested " +
             "({cpu_memory_efficiency}%). Asking for less lets the job start sooner and leaves room for others. " +
             "For a similar job, this request (per node) would leave a safe margin:",
             "#SBATCH --mem={suggested_mem_per_node_gb}G"]),
        NoteRule.Create("serial-code", NoteStyle.Normal,
            ["nodes == 1", "gpus == 0", "cores > 1", "serial_ratio > 0.85", "serial_ratio < 1.1", LongEnough], [],
            ["The CPU efficiency of this job ({cpu_efficiency}%) is about what a single busy core out of {cores} " +
             "would give, so the code probably ran serially. Unless it is known to be parallel, request one core."]),
        NoteRule.Create("test-qos", NoteStyle.Normal, [], ["qos contains 'test'", "qos contains 'debug'"],
            ["This job ran under the \"{qos}\" QOS, which is meant for short tests and carries tight limits. Use a " +
             "production QOS for real runs."]),
        NoteRule.Create("few-samples", NoteStyle.Normal, ["sampled_too_briefly == 1"], [],
            ["This job ran for {run_time}, less than two sampling periods of {sampling_period_seconds} s, so the " +
             "figures above rest on very few samples."]),
    ];
}
