using Jobstats.Core.Config;
using Jobstats.Core.Mail;
using Jobstats.Core.Notes;
using Jobstats.Core.Text;
using Jobstats.Core.Waste;
using Jobstats.Hosting;
using Jobstats.Processes;
using Jobstats.Slurm;
using Jobstats.Slurm.Accounting;

namespace Jobstats.Fleet.Cli.Waste;

/// <summary>
/// <c>jobstats waste</c> from start to finish: one sacct call for every job that ended in the period, their stored
/// summaries, the report in the asked format; with --mail, each user's letter with their own lines, printed (dry run)
/// or, with --send, handed to sendmail. Every failure becomes a message and exit 1, never a stack trace.
/// </summary>
internal sealed class WasteReporter(JobstatsConfig config, SacctJobLists sacct, Sendmail sendmail, Log log, TextWriter stdout, TimeZoneInfo zone)
{
    public async Task<int> RunAsync(WasteRequest request, CancellationToken cancellationToken)
    {
        JobList list;
        try { list = await sacct.EndedBetweenAsync(request.Since, request.Until, request.Cluster, cancellationToken).ConfigureAwait(false); }
        catch (SlurmCommandException e)
        {
            log.Error(e.Message);
            return 1;
        }
        foreach (string line in list.Skipped) log.Warning($"skipped a line of sacct's output: {line}");
        IReadOnlyList<Core.Model.JobRecord> records = list.Jobs;
        string cluster = request.Cluster ?? records.FirstOrDefault()?.Cluster ?? "";
        var report = WasteReport.Build(records, config, cluster, request.Since, request.Until);
        if (!request.Mail)
        {
            await stdout.WriteAsync(request.Format switch
            {
                WasteFormat.Csv => WasteCsv.Render(report),
                WasteFormat.Json => WasteJson.Render(report),
                _ => WasteText.Render(report, zone),
            }).ConfigureAwait(false);
            return 0;
        }
        return await MailAsync(report, request.Send, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One letter per user who counted against at least one rule; printed unless <paramref name="send"/>.</summary>
    private async Task<int> MailAsync(WasteReport report, bool send, CancellationToken cancellationToken)
    {
        int failed = 0, letters = 0;
        foreach (var row in report.ByUser.Where(r => r.RuleJobs.Any(n => n > 0)))
        {
            var figures = new Dictionary<string, FigureValue>(StringComparer.Ordinal)
            {
                ["user"] = FigureValue.Of(row.Name),
                ["cluster"] = FigureValue.Of(report.Cluster),
                ["since"] = FigureValue.Of(WasteText.Time(report.Since, zone)),
                ["until"] = FigureValue.Of(WasteText.Time(report.Until, zone)),
                ["lines"] = FigureValue.Of(WasteText.UserLines(report, row)),
            };
            var message = new MailMessage(config.Mail.From, config.Mail.AddressOf(row.Name),
                NoteRule.Fill(config.Waste.MailSubject, figures), NoteRule.Fill(config.Waste.MailText, figures));
            letters++;
            if (!send)
            {
                await stdout.WriteAsync(TerminalText.EscapeBlock(message.Render()) + "\n").ConfigureAwait(false);
                continue;
            }
            if (await sendmail.SendAsync(message.Render(), cancellationToken).ConfigureAwait(false) is { } problem)
            {
                failed++;
                log.Error($"could not mail {row.Name}: {problem}");
            }
            else log.Info($"mailed {row.Name} ({config.Mail.AddressOf(row.Name)})");
        }
        log.Info(send ? $"{letters - failed} of {letters} letters sent" : $"dry run: {letters} letters shown above, none sent (add --send to send them)");
        return failed > 0 ? 1 : 0;
    }
}
