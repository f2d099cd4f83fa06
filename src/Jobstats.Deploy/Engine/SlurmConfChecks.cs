namespace Jobstats.Deploy.Engine;

/// <summary>The Slurm settings jobstats depends on, checked in slurm.conf text (the last definition wins, as in Slurm).</summary>
internal static class SlurmConfChecks
{
    public static IReadOnlyDictionary<string, string> Parse(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Split('#')[0].Trim();
            var eq = line.IndexOf('=');
            if (eq <= 0 || line.Contains(' ', StringComparison.Ordinal) && line.IndexOf(' ') < eq) continue;
            values[line[..eq].Trim()] = line[(eq + 1)..].Trim();
        }
        return values;
    }

    /// <summary>Problems, each with how to fix it; empty when everything jobstats needs is set.</summary>
    public static IReadOnlyList<string> Problems(IReadOnlyDictionary<string, string> conf, string epilogPath)
    {
        var problems = new List<string>();
        string Get(string key) => conf.TryGetValue(key, out var v) ? v : "";
        if (!Get("JobAcctGatherType").Equals("jobacct_gather/cgroup", StringComparison.OrdinalIgnoreCase))
            problems.Add($"JobAcctGatherType is '{Get("JobAcctGatherType")}', needs jobacct_gather/cgroup");
        if (!Get("ProctrackType").Equals("proctrack/cgroup", StringComparison.OrdinalIgnoreCase))
            problems.Add($"ProctrackType is '{Get("ProctrackType")}', needs proctrack/cgroup");
        if (!Get("TaskPlugin").Contains("cgroup", StringComparison.OrdinalIgnoreCase))
            problems.Add($"TaskPlugin is '{Get("TaskPlugin")}', needs task/cgroup");
        if (!Get("AccountingStorageTRES").Contains("gres/gpu", StringComparison.OrdinalIgnoreCase))
            problems.Add($"AccountingStorageTRES is '{Get("AccountingStorageTRES")}', needs gres/gpu");
        if (Get("EpilogSlurmctld") != epilogPath)
            problems.Add($"EpilogSlurmctld is '{Get("EpilogSlurmctld")}', needs {epilogPath}");
        return problems;
    }
}
