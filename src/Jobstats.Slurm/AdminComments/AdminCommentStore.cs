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

    public async Task<string?> ReadAsync(string selector, CancellationToken cancellationToken = default)
    {
        ProcessResult result = await runner.RunAsync(
            new ProcessRequest(sacctPath, ["-P", "-X", "-n", "-o", "admincomment", "-j", selector], timeout), cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded) return null;
        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.TrimEnd('\r');
    }
}
