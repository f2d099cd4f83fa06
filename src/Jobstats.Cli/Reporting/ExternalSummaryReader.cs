using Jobstats.Core.Model;
using Jobstats.Hosting;
using Jobstats.Processes;

namespace Jobstats.Cli.Reporting;

/// <summary>
/// Reads a finished job's summary from the external store (summaries.store: database...) by asking
/// <c>jobstats-summaries read</c>, installed beside jobstats: jobstats itself links no database client, which would
/// make every report start slower. Any failure is a warning and the report goes on to Prometheus.
/// </summary>
internal sealed class ExternalSummaryReader(IProcessRunner runner, string program, string? configPath, TimeSpan timeout, Log log)
{
    public const string ProgramName = "jobstats-summaries";

    /// <summary>The program next to the running jobstats (both are installed in one directory).</summary>
    public static string DefaultProgram => Path.Combine(AppContext.BaseDirectory, ProgramName);

    public async Task<string?> ReadAsync(JobRecord record, CancellationToken cancellationToken)
    {
        var args = new List<string> { "read", "-c", record.Cluster };
        if (configPath is not null) { args.Add("--config"); args.Add(configPath); }
        args.Add(record.JobIdRaw);
        // A summary is far below a MiB; anything more is not one.
        var request = new ProcessRequest(program, args, timeout) { MaxOutputChars = 1024 * 1024 };
        ProcessResult result = await runner.RunAsync(request, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            log.Warning($"job {record.JobId}: the external summary store could not be asked ({result.Describe()}); asking Prometheus instead");
            return null;
        }
        string line = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.TrimEnd('\r') ?? "";
        return line.Length == 0 ? null : line;
    }
}
