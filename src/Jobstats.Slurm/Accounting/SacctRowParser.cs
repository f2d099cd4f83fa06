using System.Globalization;
using Jobstats.Core.Model;

namespace Jobstats.Slurm.Accounting;

/// <summary>Turns the parsable (<c>-P -n</c>) output of the report's sacct call into typed records.</summary>
internal static class SacctRowParser
{
    public static IReadOnlyList<JobRecord> Parse(string output, IReadOnlyList<string> fields)
    {
        var records = new List<JobRecord>();
        int lineNumber = 0;
        foreach (string rawLine in output.Split('\n'))
        {
            lineNumber++;
            string line = rawLine.TrimEnd('\r');
            if (line.Length == 0) continue;
            string[] parts = line.Split('|', fields.Count);
            if (parts.Length < fields.Count)
                throw new SlurmCommandException(
                    $"sacct output line {lineNumber} has {parts.Length} fields where {fields.Count} were requested");
            records.Add(ToRecord(parts, fields));
        }
        return records;
    }

    public static JobRecord ToRecord(string[] parts, IReadOnlyList<string> fields)
    {
        string Get(string name) => parts[IndexOf(fields, name)];
        string timeLimit = Get("timelimitraw");
        string state = Get("state");
        if (state.StartsWith("CANCELLED", StringComparison.Ordinal)) state = "CANCELLED";
        string tres = Get("alloctres");
        return new JobRecord
        {
            JobId = Get("jobid"),
            JobIdRaw = Get("jobidraw"),
            Cluster = Get("cluster"),
            User = Get("user"),
            Account = Get("account"),
            JobName = Get("jobname"),
            State = state,
            Nodes = ParseCount(Get("nnodes")),
            Cores = ParseCount(Get("ncpus")),
            ReqMem = Get("reqmem"),
            Qos = Get("qos"),
            Partition = Get("partition"),
            Start = ParseEpoch(Get("start")),
            End = ParseEpoch(Get("end")),
            TimeLimitMinutes = long.TryParse(timeLimit, NumberStyles.None, CultureInfo.InvariantCulture, out long minutes) ? minutes : null,
            TimeLimitText = timeLimit.Length == 0 ? "UNKNOWN" : timeLimit,
            Gpus = TresParser.GpuCount(tres),
            AdminComment = Get("admincomment"),
            AllocTres = tres,
        };
    }

    private static int IndexOf(IReadOnlyList<string> fields, string name)
    {
        for (int i = 0; i < fields.Count; i++) if (fields[i] == name) return i;
        throw new ArgumentException($"field {name} was not requested");
    }

    /// <summary>Epoch seconds (with SLURM_TIME_FORMAT=%s); "Unknown", "None" or empty mean not (yet) known.</summary>
    public static long? ParseEpoch(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value) && value > 0 ? value : null;

    private static int ParseCount(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) ? value : 0;
}
