namespace Jobstats.Exporter.Cgroups;

/// <summary>
/// Recognises Slurm's cgroup directory names. Only names that match exactly become label values, so a
/// stray or hostile directory never reaches Prometheus (or, later, a PromQL query).
/// </summary>
internal static class SlurmCgroupNames
{
    public static bool TryJob(string directoryName, out string jobId)
    {
        jobId = "";
        if (directoryName.StartsWith("job_", StringComparison.Ordinal) && IsNumber(directoryName[4..], 20))
        {
            jobId = directoryName[4..];
            return true;
        }
        if (IsSluid(directoryName))
        {
            jobId = directoryName;
            return true;
        }
        return false;
    }

    /// <summary>Slurm ≥ 26.05 may name a job directory by its SLUID: "s" and 13 characters [0-9A-Z].</summary>
    public static bool IsSluid(string name) =>
        name.Length == 14 && name[0] == 's' && name.AsSpan(1).IndexOfAnyExcept("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ") < 0;

    public static bool TryUid(string directoryName, out string uid) => TryNumbered(directoryName, "uid_", out uid);

    public static bool TryStep(string directoryName, out string step)
    {
        step = "";
        if (!directoryName.StartsWith("step_", StringComparison.Ordinal)) return false;
        var name = directoryName[5..];
        if (name is "batch" or "extern" or "interactive" || IsNumber(name, 10))
        {
            step = name;
            return true;
        }
        return false;
    }

    public static bool TryTask(string directoryName, out string task)
    {
        task = "";
        if (!directoryName.StartsWith("task_", StringComparison.Ordinal)) return false;
        var name = directoryName[5..];
        if (name == "special" || IsNumber(name, 10))
        {
            task = name;
            return true;
        }
        return false;
    }

    private static bool TryNumbered(string directoryName, string prefix, out string number)
    {
        number = "";
        if (!directoryName.StartsWith(prefix, StringComparison.Ordinal) || !IsNumber(directoryName[prefix.Length..], 10)) return false;
        number = directoryName[prefix.Length..];
        return true;
    }

    private static bool IsNumber(string text, int maxDigits) =>
        text.Length > 0 && text.Length <= maxDigits && !text.AsSpan().ContainsAnyExceptInRange('0', '9');
}
