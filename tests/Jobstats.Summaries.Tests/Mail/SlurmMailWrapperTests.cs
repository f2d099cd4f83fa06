using Jobstats.Core.Config;
using Jobstats.Processes;
using Jobstats.Summaries.Mail;
using Jobstats.Summaries.Tests.Service;
using Jobstats.Testing;

namespace Jobstats.Summaries.Tests.Mail;

/// <summary>
/// The MailProg wrapper with real processes: a fake mailer script that records its arguments and its input, and fake
/// jobstats scripts that print a report, fail, or hang past the time limit.
/// </summary>
public sealed class SlurmMailWrapperTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly TempDirectory _dir = new("jobstats-mail-");
    private const string EndedSubject = "Slurm Job_id=123 Name=train Ended, Run time 01:02:03, COMPLETED, ExitCode 0";

    public void Dispose() => _dir.Dispose();

    private string Script(string name, string body)
    {
        string path = _dir.Combine(name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private (SlurmMailWrapper Wrapper, RecordingLog Log) Wrapper(string jobstatsBody, double timeoutSeconds = 5)
    {
        string mailer = Script("mail", $"printf '%s\\n' \"$@\" > {_dir.Combine("mailer.args")}\ncat > {_dir.Combine("mailer.stdin")}");
        var settings = new MailSettings { SlurmMailer = mailer, ReportTimeoutSeconds = timeoutSeconds, SettleSeconds = 5 };
        var log = new RecordingLog();
        // The settle wait is skipped: the test has no accounting to wait for.
        return (new SlurmMailWrapper(settings, new ProcessRunner(), Script("jobstats", jobstatsBody), log, (_, _) => Task.CompletedTask), log);
    }

    private string Sent => File.ReadAllText(_dir.Combine("mailer.stdin"));
    private string[] SentArguments => File.ReadAllLines(_dir.Combine("mailer.args"));

    private static SlurmMail Ended(string? envJobId = "123") => SlurmMail.Parse(["-s", EndedSubject, "alice"],
        new Dictionary<string, string?> { ["SLURM_JOB_ID"] = envJobId, ["SLURM_JOB_RUN_TIME"] = "01:02:03" });

    [Fact]
    public async Task An_ended_jobs_mail_carries_the_report_and_slurms_arguments_unchanged()
    {
        var (wrapper, _) = Wrapper("printf 'Job ID: %s\\nCPU efficiency 80%%\\n' \"$2\"");
        Assert.Equal(0, await wrapper.SendAsync(Ended(), "", Ct));
        Assert.Equal(["-s", EndedSubject, "alice"], SentArguments);
        Assert.Equal("Job ID: 123\nCPU efficiency 80%\n", Sent);
    }

    [Fact]
    public async Task Slurms_own_body_stays_and_the_report_follows_it()
    {
        var (wrapper, _) = Wrapper("echo report");
        Assert.Equal(0, await wrapper.SendAsync(Ended(), "original text", Ct));
        Assert.Equal("original text\n\nreport\n", Sent);
    }

    [Fact]
    public async Task A_failing_jobstats_leaves_the_original_mail_which_still_goes()
    {
        var (wrapper, log) = Wrapper("echo 'sacct: error: broken' >&2; exit 1");
        Assert.Equal(0, await wrapper.SendAsync(Ended(), "original text\n", Ct));
        Assert.Equal("original text\n", Sent);
        Assert.Contains(log.Lines, l => l.StartsWith("warning: job 123: the mail goes without the jobstats report", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_jobstats_that_hangs_is_cut_off_and_the_mail_goes_without_the_report()
    {
        var (wrapper, log) = Wrapper("sleep 30", timeoutSeconds: 1);
        var started = DateTime.UtcNow;
        Assert.Equal(0, await wrapper.SendAsync(Ended(), "", Ct));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(15));
        Assert.Equal("", Sent);
        Assert.Contains(log.Lines, l => l.Contains("without the jobstats report", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_jobstats_program_does_not_stop_the_mail()
    {
        var (_, _) = Wrapper("true");
        var settings = new MailSettings { SlurmMailer = _dir.Combine("mail"), SettleSeconds = 0 };
        var wrapper = new SlurmMailWrapper(settings, new ProcessRunner(), _dir.Combine("no-such-jobstats"), new RecordingLog());
        Assert.Equal(0, await wrapper.SendAsync(Ended(), "body\n", Ct));
        Assert.Equal("body\n", Sent);
    }

    [Fact]
    public async Task A_mail_for_a_job_that_began_passes_through_without_running_jobstats()
    {
        var (wrapper, _) = Wrapper($"touch {_dir.Combine("jobstats-ran")}");
        var began = SlurmMail.Parse(["-s", "Slurm Job_id=123 Name=train Began, Queued time 00:00:01", "alice"],
            new Dictionary<string, string?> { ["SLURM_JOB_ID"] = "123" });
        Assert.Equal(0, await wrapper.SendAsync(began, "", Ct));
        Assert.False(File.Exists(_dir.Combine("jobstats-ran")));
        Assert.Equal(["-s", "Slurm Job_id=123 Name=train Began, Queued time 00:00:01", "alice"], SentArguments);
    }

    [Fact]
    public async Task The_mailers_failure_is_the_exit_code_so_slurm_logs_it()
    {
        var settings = new MailSettings { SlurmMailer = Script("badmail", "cat >/dev/null; exit 3"), SettleSeconds = 0 };
        var log = new RecordingLog();
        var wrapper = new SlurmMailWrapper(settings, new ProcessRunner(), Script("jobstats", "echo report"), log);
        Assert.Equal(3, await wrapper.SendAsync(Ended(), "", Ct));
        Assert.Contains(log.Lines, l => l.StartsWith("error: ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Slurm Job_id=123 Name=x Ended, Run time 00:01:02, COMPLETED, ExitCode 0", null, "123", true)]
    [InlineData("Slurm Job_id=77_3 Name=a,b Failed, Run time 00:00:05, FAILED, ExitCode 1", null, "77_3", true)]
    [InlineData("Slurm Job_id=123 Name=x Began, Queued time 00:00:01", null, "123", false)]
    // The environment's id wins; an id that is not one (injected text) is ignored for the subject's.
    [InlineData("Slurm Job_id=5 Name=x Ended, Run time 00:01:02, COMPLETED, ExitCode 0", "6", "6", true)]
    [InlineData("Slurm Job_id=5 Name=x Ended, Run time 00:01:02, COMPLETED, ExitCode 0", "6;rm -rf /", "5", true)]
    public void The_job_and_whether_it_ended_come_from_the_environment_and_the_subject(string subject, string? envId, string? id, bool ended)
    {
        var mail = SlurmMail.Parse(["-s", subject, "bob"], new Dictionary<string, string?> { ["SLURM_JOB_ID"] = envId });
        Assert.Equal((id, ended), (mail.JobId, mail.Ended));
    }
}
