using Jobstats.Processes;

namespace Jobstats.Slurm.AdminComments;

/// <summary>Writes and reads a job's AdminComment through sacctmgr and sacct.</summary>
public sealed class AdminCommentStore(IProcessRunner runner, TimeSpan timeout, string sacctmgrPath = "sacctmgr", string sacctPath = "sacct")
{
    /// <summary>
    /// The release of sacctmgr, which decides the form written: asking costs one process, but writing a summary that
    /// Slurm 22.05 then lower-cases would leave an unreadable comment until the case-safe form replaced it.
    /// </summary>
    public async Task<SlurmVersion?> SacctmgrVersionAsync(CancellationToken cancellationToken = default)
    {
        ProcessResult result = await runner.RunAsync(new ProcessRequest(sacctmgrPath, ["-V"], timeout), cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? SlurmVersion.Parse(result.StandardOutput) : null;
    }

    /// <summary>
    /// The id sacctmgr must be given. For an array task sacct shows "123_4": that form is used, because the raw id of
    /// the task whose raw id equals the array id would select every task of the array.
    /// </summary>
    public static string Selector(string jobId, string jobIdRaw) => jobId.Contains('_') ? jobId : jobIdRaw;

    public static ProcessRequest BuildWrite(string sacctmgrPath, string selector, string value, TimeSpan timeout) =>
        new(sacctmgrPath, ["-i", "update", "job", "where", $"jobid={selector}", "set", $"AdminComment={value}"], timeout);

    public async Task WriteAsync(string selector, string value, CancellationToken cancellationToken = default)
    {
        ProcessResult result = await runner.RunAsync(BuildWrite(sacctmgrPath, selector, value, timeout), cancellationToken).ConfigureAwait(false);
        if (result.TimedOut) throw new SlurmCommandException($"sacctmgr did not finish within {timeout.TotalSeconds:0} s");
        if (result.Outcome != ProcessOutcome.Exited) throw new SlurmCommandException(result.Failure);
        if (result.ExitCode != 0) throw new SlurmCommandException($"sacctmgr failed (exit {result.ExitCode}): {result.FirstErrorLine}");
    }

    /// <summary>
    /// Writes many jobs' AdminComments through one <c>sacctmgr -i</c> process that reads its commands on stdin: one
    /// slurmdbd connection for the whole batch. Values must be free of white space and quotes (summaries are base64 or
    /// base32). sacctmgr stops at no failed line, so which writes took is told by reading them back
    /// (<see cref="ReadManyAsync"/>), not by the exit code.
    /// </summary>
    public async Task<ProcessResult> WriteManyAsync(IReadOnlyList<(string Selector, string Value)> writes, CancellationToken cancellationToken = default)
    {
        var commands = new System.Text.StringBuilder();
        foreach (var (selector, value) in writes)
        {
            if (value.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'' || char.IsControl(c)))
                throw new ArgumentException($"the AdminComment for job {selector} holds white space or quotes");
            commands.Append("modify job where jobid=").Append(selector).Append(" set AdminComment=").Append(value).Append('\n');
        }
        var request = new ProcessRequest(sacctmgrPath, ["-i"], timeout)
        {
            StandardInput = System.Text.Encoding.UTF8.GetBytes(commands.ToString()),
        };
        ProcessResult result = await runner.RunAsync(request, cancellationToken).ConfigureAwait(false);
        if (result.Outcome != ProcessOutcome.Exited) throw new SlurmCommandException(result.Failure);
        return result;
    }

    /// <summary>The AdminComments of many jobs by raw id, in one sacct call; a job sacct does not list is absent.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ReadManyAsync(IReadOnlyCollection<string> rawIds, string? cluster,
        CancellationToken cancellationToken = default)
    {
        var comments = new Dictionary<string, string>(StringComparer.Ordinal);
        if (rawIds.Count == 0) return comments;
        var args = new List<string> { "-P", "-X", "-n", "-o", "jobidraw,admincomment", "-j", string.Join(',', rawIds) };
        if (cluster is { Length: > 0 }) { args.Add("-M"); args.Add(cluster); }
        ProcessResult result = await runner.RunAsync(new ProcessRequest(sacctPath, args, timeout), cancellationToken).ConfigureAwait(false);
        if (result.TimedOut) throw new SlurmCommandException($"sacct did not answer within {timeout.TotalSeconds:0} s");
        if (!result.Succeeded) throw new SlurmCommandException(result.Outcome == ProcessOutcome.Exited ? $"sacct failed ({result.Describe()})" : result.Failure);
        foreach (string line in result.StandardOutput.Split('\n'))
        {
            string row = line.TrimEnd('\r');
            int bar = row.IndexOf('|', StringComparison.Ordinal);
            if (bar > 0) comments[row[..bar]] = row[(bar + 1)..];
        }
        return comments;
    }

    public async Task<string?> ReadAsync(string selector, CancellationToken cancellationToken = default)
    {
        ProcessResult result = await runner.RunAsync(
            new ProcessRequest(sacctPath, ["-P", "-X", "-n", "-o", "admincomment", "-j", selector], timeout), cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded) return null;
        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.TrimEnd('\r');
    }
}
