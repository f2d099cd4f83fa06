using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Jobstats.Core.Text;

namespace Jobstats.Core.Fleet;

public sealed record JsonJobTable(IReadOnlyList<JsonJobRow> Jobs, IReadOnlyList<string> Skipped);

public sealed record JsonJobRow(
    string JobId, string JobIdRaw, string Cluster, string User, string Account, string Partition, string State,
    long ElapsedSeconds, bool Running, int Gpus, long? TimeEfficiency, double? CpuEfficiency, long? MemoryEfficiency,
    long? GpuUtilization, long? GpuMemory, string Source);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(JsonJobTable))]
internal sealed partial class JobTableJsonContext : JsonSerializerContext;

/// <summary>The table as data: <c>--format json</c> (source-generated) and <c>--format csv</c>, one row per job.</summary>
public static class JobTableData
{
    private static readonly string[] CsvHeadings =
    [
        "job_id", "job_id_raw", "cluster", "user", "account", "partition", "state", "elapsed_seconds", "running", "gpus",
        "time_efficiency", "cpu_efficiency", "memory_efficiency", "gpu_utilization", "gpu_memory", "source",
    ];

    public static string Json(IReadOnlyList<JobRow> rows, IReadOnlyList<string> skipped) =>
        JsonSerializer.Serialize(new JsonJobTable([.. rows.Select(ToJson)], skipped), JobTableJsonContext.Default.JsonJobTable) + "\n";

    private static JsonJobRow ToJson(JobRow r) => new(r.JobId, r.JobIdRaw, r.Cluster, r.User, r.Account, r.Partition, r.State,
        r.ElapsedSeconds, r.Running, r.Gpus, r.TimeEfficiency, r.CpuEfficiency, r.MemoryEfficiency, r.GpuUtilization, r.GpuMemory,
        SourceName(r.Source));

    private static string SourceName(RowSource source) => source switch
    {
        RowSource.Summary => "summary",
        RowSource.Accounting => "sacct",
        RowSource.Prometheus => "prometheus",
        _ => "none",
    };

    /// <summary>
    /// RFC 4180 CSV; an empty field where a figure is unknown. Text fields pass <see cref="TerminalText"/> too: CSV is
    /// as often read with cat as with a spreadsheet.
    /// </summary>
    public static string Csv(IReadOnlyList<JobRow> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        WriteCsv(text, rows);
        return text.ToString();
    }

    public static void WriteCsv(TextWriter output, IReadOnlyList<JobRow> rows)
    {
        output.Write(string.Join(',', CsvHeadings) + "\r\n");
        var text = new StringBuilder(256);
        foreach (JobRow r in rows)
        {
            text.Clear();
            Field(text, r.JobId); Field(text, r.JobIdRaw); Field(text, r.Cluster); Field(text, r.User); Field(text, r.Account);
            Field(text, r.Partition); Field(text, r.State); Number(text, r.ElapsedSeconds); Field(text, r.Running ? "true" : "false");
            Number(text, r.Gpus); Number(text, r.TimeEfficiency);
            text.Append(r.CpuEfficiency is double cpu ? cpu.ToString("0.0", CultureInfo.InvariantCulture) : "").Append(',');
            Number(text, r.MemoryEfficiency); Number(text, r.GpuUtilization); Number(text, r.GpuMemory);
            text.Append(SourceName(r.Source)).Append("\r\n");
            output.Write(text);
        }
    }

    private static void Number(StringBuilder text, long? value)
    {
        if (value is long v) text.Append(v.ToString(CultureInfo.InvariantCulture));
        text.Append(',');
    }

    private static void Field(StringBuilder text, string value)
    {
        string safe = TerminalText.Escape(value);
        if (safe.AsSpan().IndexOfAny(",\"") >= 0) text.Append('"').Append(safe.Replace("\"", "\"\"")).Append('"');
        else text.Append(safe);
        text.Append(',');
    }
}
