using System.CommandLine;
using System.Text;
using Jobstats.Core.Config;
using Jobstats.Hosting;
using Jobstats.Processes;
using Jobstats.Summaries.Mail;

namespace Jobstats.Summaries.Cli.Commands;

/// <summary>
/// <c>jobstats-summaries slurm-mail -- -s SUBJECT USER</c>: what Slurm's MailProg (the jobstats-mail script) runs.
/// The mail is handed on even when the config file cannot be read: a wrapper must never be the reason a mail is lost.
/// </summary>
internal static class SlurmMailCommand
{
    private const int MaxBodyBytes = 1024 * 1024;

    public static Command Create(CommonOptions common, TextWriter stderr)
    {
        var mailer = new Option<string?>("--mailer") { Description = "The mailer to hand the mail to (default: mail.slurm_mailer, /usr/bin/mail).", HelpName = "PATH" };
        var jobstats = new Option<string?>("--jobstats") { Description = "The jobstats program (default: the one beside this program).", HelpName = "PATH" };
        var arguments = new Argument<string[]>("MAIL-ARGUMENTS") { Arity = ArgumentArity.ZeroOrMore, Description = "Slurm's arguments for the mailer, after --." };
        var command = new Command("slurm-mail", """
            Slurm's MailProg: append the jobstats report to the mail of a job that ended, then hand the mail to the real
            mailer with Slurm's arguments unchanged. Other mails (job began, ...) pass through untouched. If the report
            fails or takes longer than mail.report_timeout_seconds, the mail goes without it.

            Example (slurm.conf MailProg=/usr/local/bin/jobstats-mail runs this):
              jobstats-summaries slurm-mail --mailer /usr/bin/mail -- -s "Slurm Job_id=123 Name=x Ended, ..." alice
            """) { mailer, jobstats, arguments };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var setup = RunSetup.Create(parse, common, "jobstats-mail", stderr, alwaysSyslog: true, Program.Name);
            var log = setup?.Log ?? new Log(stderr, false, null, Program.Name);
            using var disposeSetup = setup;
            var settings = setup?.Config.Mail ?? new MailSettings();
            if (parse.GetValue(mailer) is { Length: > 0 } chosen) settings.SlurmMailer = chosen;
            string program = parse.GetValue(jobstats) is { Length: > 0 } path ? path : Path.Combine(AppContext.BaseDirectory, "jobstats");
            var environment = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
                .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal);
            var mail = SlurmMail.Parse(parse.GetValue(arguments) ?? [], environment);
            string body = await ReadBodyAsync(cancellationToken).ConfigureAwait(false);
            var wrapper = new SlurmMailWrapper(settings, new ProcessRunner(), program, new ServiceLog(log));
            return await wrapper.SendAsync(mail, body, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Slurm's body, if it gives one on stdin (usually /dev/null); a terminal or a silent pipe gives none.</summary>
    private static async Task<string> ReadBodyAsync(CancellationToken cancellationToken)
    {
        if (!Console.IsInputRedirected) return "";
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(5));
        var buffer = new MemoryStream();
        try
        {
            using var stdin = Console.OpenStandardInput();
            var chunk = new byte[16384];
            int read;
            while (buffer.Length < MaxBodyBytes && (read = await stdin.ReadAsync(chunk, limit.Token).ConfigureAwait(false)) > 0)
                buffer.Write(chunk, 0, read);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested) { }
        catch (IOException) { }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
