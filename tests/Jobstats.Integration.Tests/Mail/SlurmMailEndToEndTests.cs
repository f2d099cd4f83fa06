using Jobstats.Integration.Tests.Report;
using Jobstats.Testing;

namespace Jobstats.Integration.Tests.Mail;

/// <summary>
/// The published <c>jobstats-summaries slurm-mail</c> as Slurm's MailProg calls it, running the published jobstats
/// against the report environment (real Prometheus, fake sacct), handing the mail to a fake mailer that records it.
/// </summary>
[Collection(ReportCollection.Name)]
public class SlurmMailEndToEndTests(ReportEnvironment env)
{
    [Fact]
    public async Task The_mail_of_an_ended_job_carries_its_report_exactly_as_jobstats_prints_it()
    {
        string dir = Path.Combine(env.WorkDir, "mail-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        string mailer = Path.Combine(dir, "mail");
        File.WriteAllText(mailer, $"#!/bin/sh\nprintf '%s\\n' \"$@\" > {dir}/args\ncat > {dir}/body\n");
        File.SetUnixFileMode(mailer, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        const string subject = "Slurm Job_id=1001 Name=relax|step 2 Ended, Run time 01:00:00, COMPLETED, ExitCode 0";

        var (exit, stdout, stderr) = await env.Run(Repository.PublishedProgram("jobstats-summaries"),
            ["slurm-mail", "--jobstats", env.JobstatsBinary, "--mailer", mailer, "--", "-s", subject, "alice"],
            new Dictionary<string, string> { ["SLURM_JOB_ID"] = "1001", ["SLURM_JOB_RUN_TIME"] = "01:00:00" });

        Assert.Equal((0, "", ""), (exit, stdout, stderr));
        Assert.Equal(["-s", subject, "alice"], File.ReadAllLines(Path.Combine(dir, "args")));
        // The body is the plain-text report of job 1001, the very golden file of the report tests.
        Assert.Equal(File.ReadAllText(Path.Combine(env.FixtureDir, "golden", "single-node-cpu.txt")), File.ReadAllText(Path.Combine(dir, "body")));
    }
}
