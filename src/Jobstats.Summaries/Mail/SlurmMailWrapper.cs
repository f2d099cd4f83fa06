using System.Text;
using Jobstats.Core.Config;
using Jobstats.Processes;
using Jobstats.Summaries.Service;

namespace Jobstats.Summaries.Mail;

/// <summary>
/// Slurm's MailProg: hands every mail to the real mailer (<c>mail.slurm_mailer</c>) with Slurm's arguments unchanged,
/// and for a job that ended first appends the jobstats report to the body. The report is a bonus, never a condition:
/// when jobstats fails, times out or is missing, the mail goes as Slurm wrote it, and the wrapper's whole extra time is
/// bounded by mail.settle_seconds + mail.report_timeout_seconds.
/// </summary>
public sealed class SlurmMailWrapper(MailSettings settings, IProcessRunner runner, string jobstatsProgram, IServiceLog log,
    Func<TimeSpan, CancellationToken, Task>? delay = null)
{
    private readonly Func<TimeSpan, CancellationToken, Task> _delay = delay ?? Task.Delay;

    /// <summary>Sends the mail; the result is the mailer's exit code (1 when it could not be run).</summary>
    public async Task<int> SendAsync(SlurmMail mail, string body, CancellationToken cancellationToken)
    {
        string? report = mail.Ended && mail.JobId is { } id ? await ReportAsync(id, cancellationToken).ConfigureAwait(false) : null;
        if (report is not null)
            body = (body.Length == 0 || body.EndsWith('\n') ? body : body + "\n") + (body.Length == 0 ? "" : "\n") + report;
        var request = new ProcessRequest(settings.SlurmMailer, mail.Arguments, TimeSpan.FromMinutes(2)) { StandardInput = Encoding.UTF8.GetBytes(body) };
        ProcessResult result = await runner.RunAsync(request, cancellationToken).ConfigureAwait(false);
        if (result.Succeeded) return 0;
        log.Error($"{settings.SlurmMailer} did not take the mail for job {mail.JobId ?? "?"}: {result.Describe()}");
        return result.Outcome == ProcessOutcome.Exited && result.ExitCode != 0 ? result.ExitCode : 1;
    }

    private async Task<string?> ReportAsync(string jobId, CancellationToken cancellationToken)
    {
        try
        {
            // Accounting settles first: the job's record and its summary are written as the job ends.
            await _delay(TimeSpan.FromSeconds(settings.SettleSeconds), cancellationToken).ConfigureAwait(false);
            var request = new ProcessRequest(jobstatsProgram, ["--no-color", jobId], TimeSpan.FromSeconds(settings.ReportTimeoutSeconds))
            {
                MaxOutputChars = 1024 * 1024,
            };
            ProcessResult result = await runner.RunAsync(request, cancellationToken).ConfigureAwait(false);
            if (result.Succeeded && result.StandardOutput.Length > 0) return result.StandardOutput;
            log.Warning($"job {jobId}: the mail goes without the jobstats report: {(result.Succeeded ? "jobstats printed nothing" : result.Describe())}");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            log.Warning($"job {jobId}: the mail goes without the jobstats report: {e.GetType().Name}: {e.Message}");
        }
        return null;
    }
}
