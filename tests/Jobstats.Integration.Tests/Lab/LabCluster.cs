using System.Text.RegularExpressions;
using Jobstats.Processes;
using Jobstats.Testing;

namespace Jobstats.Integration.Tests.Lab;

/// <summary>
/// The real local cluster of scripts/local-cluster, shared by every test in the "lab" collection. Started once; stopped
/// at the end only when this fixture started it, so a lab someone was already using (the demo) is left as it was.
/// </summary>
public sealed partial class LabCluster : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(6); // apt-get on a fresh machine included
    private static readonly HashSet<string> FinishedStates =
        ["COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "OUT_OF_MEMORY", "NODE_FAIL", "PREEMPTED", "BOOT_FAIL", "DEADLINE"];

    private bool _startedHere;

    public string LabDirectory { get; } =
        System.Environment.GetEnvironmentVariable("JOBSTATS_LAB_DIR") is { Length: > 0 } dir ? dir : "/var/tmp/jobstats-lab";

    /// <summary>The variables of &lt;lab&gt;/env (SLURM_CONF, PROMETHEUS_URL, …), given to every child process.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; private set; } = new Dictionary<string, string>();

    public string ScratchDirectory { get; } = Path.Combine(Path.GetTempPath(), $"jobstats-lab-tests-{Guid.NewGuid():N}");

    public string BurnProgram => Path.Combine(ScratchDirectory, "burn");
    public string SlurmConf => Variables["SLURM_CONF"];
    public string PrometheusUrl => Variables["PROMETHEUS_URL"];
    public string TargetsDirectory => Variables["JOBSTATS_LAB_TARGETS_DIR"];
    public string ClusterName => Variables["JOBSTATS_LAB_CLUSTER"];
    public string NodeName => Variables["JOBSTATS_LAB_NODE"];

    public async ValueTask InitializeAsync()
    {
        var script = Repository.Script("local-cluster");
        var before = await RealProcess.RunAsync(script, ["status"]);
        _startedHere = !before.Succeeded;
        var started = await RealProcess.RunAsync(script, ["start"], timeout: StartTimeout);
        if (!started.Succeeded)
            throw new InvalidOperationException($"the lab did not start:\n{started.Report()}");
        Variables = ReadEnvironmentFile(Path.Combine(LabDirectory, "env"));

        Directory.CreateDirectory(ScratchDirectory);
        (await RealProcess.RunAsync("gcc",
            ["-O1", "-Wall", "-pthread", "-o", BurnProgram, Repository.Path("scripts", "lab", "burn.c")]))
            .EnsureSuccess();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_startedHere)
                (await RealProcess.RunAsync(Repository.Script("local-cluster"), ["stop"], timeout: TimeSpan.FromMinutes(3)))
                    .EnsureSuccess();
        }
        finally
        {
            if (Directory.Exists(ScratchDirectory))
                Directory.Delete(ScratchDirectory, recursive: true);
        }
    }

    /// <summary>Runs a Slurm client (or any program) against this lab.</summary>
    public Task<ProcessResult> RunAsync(string program, IEnumerable<string> arguments, TimeSpan? timeout = null) =>
        RealProcess.RunAsync(program, arguments, Variables, timeout: timeout, workingDirectory: ScratchDirectory);

    /// <summary>Submits a batch job that runs the burn workload; returns its job id.</summary>
    public async Task<long> SubmitBurnJobAsync(int cores, int seconds, int megabytes, string name)
    {
        var script = Path.Combine(ScratchDirectory, $"{name}.sh");
        await File.WriteAllTextAsync(script, $"#!/bin/bash\nexec {BurnProgram} {cores} {seconds} {megabytes}\n");
        var memoryLimit = megabytes * 2 + 256;
        var submitted = (await RunAsync("sbatch",
        [
            "--parsable", "--job-name", name, "--ntasks=1", $"--cpus-per-task={cores}", $"--mem={memoryLimit}M",
            "--time=10", "--output", Path.Combine(ScratchDirectory, $"{name}-%j.out"), script,
        ])).EnsureSuccess();
        return ParseJobId(submitted);
    }

    /// <summary>Submits an array job whose tasks each sleep on one core; returns the array's job id.</summary>
    public async Task<long> SubmitSleepArrayAsync(int tasks, int seconds, string name)
    {
        var script = Path.Combine(ScratchDirectory, $"{name}.sh");
        await File.WriteAllTextAsync(script, $"#!/bin/bash\nexec sleep {seconds}\n");
        var submitted = (await RunAsync("sbatch",
        [
            "--parsable", "--job-name", name, $"--array=1-{tasks}", "--ntasks=1", "--cpus-per-task=1", "--mem=64M",
            "--time=5", "--output", Path.Combine(ScratchDirectory, $"{name}-%A_%a.out"), script,
        ])).EnsureSuccess();
        return ParseJobId(submitted);
    }

    private static long ParseJobId(ProcessResult submitted)
    {
        var id = submitted.StandardOutput.Trim().Split(';')[0];
        return long.TryParse(id, out var jobId)
            ? jobId
            : throw new InvalidOperationException($"sbatch printed no job id: '{submitted.StandardOutput}'");
    }

    /// <summary>Polls sacct until the job reaches a final state (as slurmdbd records it) and returns that state.</summary>
    public async Task<string> WaitForJobToFinishAsync(long jobId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var state = "";
        while (DateTime.UtcNow < deadline)
        {
            state = (await SacctAsync(jobId, ["State"]))["State"];
            var baseState = state.Split(' ')[0];
            if (FinishedStates.Contains(baseState))
                return baseState;
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        throw new TimeoutException($"job {jobId} still '{state}' after {timeout}");
    }

    /// <summary>One row of sacct fields by name: the job allocation (-X), or one of its steps (e.g. "batch").</summary>
    public Task<IReadOnlyDictionary<string, string>> SacctAsync(
        long jobId, IReadOnlyList<string> fields, bool allocationOnly = true, string? step = null) =>
        SacctAsync(step is null ? jobId.ToString() : $"{jobId}.{step}", fields, allocationOnly);

    /// <summary>One row of sacct fields by name for a job id as Slurm writes it (e.g. an array task "25_4").</summary>
    public async Task<IReadOnlyDictionary<string, string>> SacctAsync(string jobSpec, IReadOnlyList<string> fields, bool allocationOnly = true)
    {
        var arguments = new List<string> { "-P", "-n", "-j", jobSpec, "-o", string.Join(',', fields) };
        if (allocationOnly)
            arguments.Add("-X");
        var result = (await RunAsync("sacct", arguments)).EnsureSuccess();
        var line = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        var values = line.Split('|');
        var row = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < fields.Count; i++)
            row[fields[i]] = i < values.Length ? values[i] : "";
        return row;
    }

    /// <summary>Reads the `export KEY=value` lines the lab writes; values are plain paths, URLs and names.</summary>
    public static IReadOnlyDictionary<string, string> ReadEnvironmentFile(string path)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(path))
        {
            var match = ExportLine().Match(line);
            if (match.Success)
                variables[match.Groups["key"].Value] = match.Groups["value"].Value;
        }
        foreach (var required in new[] { "SLURM_CONF", "PROMETHEUS_URL", "JOBSTATS_LAB_TARGETS_DIR", "JOBSTATS_LAB_CLUSTER", "JOBSTATS_LAB_NODE" })
        {
            if (!variables.ContainsKey(required))
                throw new InvalidOperationException($"{path} does not set {required}");
        }
        return variables;
    }

    [GeneratedRegex(@"^export (?<key>[A-Z_][A-Z0-9_]*)=(?<value>[^\s'""$`\\]*)$")]
    private static partial Regex ExportLine();
}
