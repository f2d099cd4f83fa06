using Jobstats.Deploy.Bcm;
using Jobstats.Deploy.Components;
using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Tests.Support;
using Jobstats.Processes;
using Jobstats.Testing;

namespace Jobstats.Deploy.Tests.Components;

/// <summary>The end-of-job mail wiring: the MailProg wrapper, and the setting in slurm.conf's managed block or through cmsh.</summary>
public class SlurmMailComponentTests
{
    private const string MailOn = "mail:\n  report_in_slurm_mail: true\n  mailer: /usr/bin/mail\n";

    private static Inventory Local(TempDirectory root, string sections, FakeCmsh? cmsh = null) =>
        TestInventories.Local(root, sections: sections, cmsh: cmsh?.Program);

    [Fact]
    public async Task Slurm_conf_mode_sets_mailprog_in_the_managed_block_and_the_wrapper_passes_shellcheck()
    {
        using var root = new TempDirectory();
        await new Harness(Local(root, MailOn)).ApplyAsync();
        string conf = File.ReadAllText(root["/root/etc/slurm/slurm.conf"]);
        Assert.Contains($"EpilogSlurmctld={Layout.SlurmctldEpilog}\nMailProg={SlurmMailComponent.Wrapper}\n", conf);
        string wrapper = root["/root" + SlurmMailComponent.Wrapper];
        Assert.True((File.GetUnixFileMode(wrapper) & UnixFileMode.UserExecute) != 0);
        var check = await Tools.RunAsync("shellcheck", "--severity=style", wrapper);
        Assert.True(check.Succeeded, check.StandardOutput + check.StandardError);
    }

    [Fact]
    public async Task Without_jobstats_summaries_the_wrapper_still_hands_the_mail_to_the_mailer()
    {
        using var root = new TempDirectory();
        string captured = root["/captured"];
        string mailer = root["/fake-mail"];
        File.WriteAllText(mailer, $"#!/bin/sh\nprintf '%s\\n' \"$@\" > {captured}.args\ncat > {captured}.stdin\n");
        File.SetUnixFileMode(mailer, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await new Harness(Local(root, $"mail:\n  report_in_slurm_mail: true\n  mailer: {mailer}\n")).ApplyAsync();
        // The rendered script, pointed at a jobstats-summaries that is not there.
        string script = root["/jobstats-mail"];
        File.WriteAllText(script, File.ReadAllText(root["/root" + SlurmMailComponent.Wrapper]).Replace("/usr/local/bin/jobstats-summaries", root["/missing"]));
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var result = await RealProcess.RunAsync(script, ["-s", "Slurm Job_id=9 Name=x Ended, Run time 00:00:10, COMPLETED, ExitCode 0", "alice"],
            stdin: "body\n", cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(result.Succeeded, result.Describe());
        Assert.Equal(["-s", "Slurm Job_id=9 Name=x Ended, Run time 00:00:10, COMPLETED, ExitCode 0", "alice"], File.ReadAllLines(captured + ".args"));
        Assert.Equal("body\n", File.ReadAllText(captured + ".stdin"));
    }

    [Fact]
    public async Task On_bcm_mailprog_is_set_through_cmsh()
    {
        using var root = new TempDirectory();
        using var fake = new FakeCmsh("wlm.epilogslurmctld=", "wlm.mailprog=", "wlm.cgroups.constraincores=yes", "wlm.cgroups.constrainramspace=yes");
        var results = await new Harness(Local(root, MailOn, fake), new CmshClient(fake.Program, new ProcessRunner())).ApplyAsync();
        Assert.All(results, r => Assert.True(r.Succeeded, r.Error));
        Assert.Equal(SlurmMailComponent.Wrapper, fake.State("wlm.mailprog"));
        Assert.DoesNotContain("MailProg", File.ReadAllText(root["/root/etc/slurm/slurm.conf"]));
    }

    [Fact]
    public async Task Off_by_default_no_wrapper_and_no_mailprog()
    {
        using var root = new TempDirectory();
        await new Harness(Local(root, "")).ApplyAsync();
        Assert.False(File.Exists(root["/root" + SlurmMailComponent.Wrapper]));
        Assert.DoesNotContain("MailProg", File.ReadAllText(root["/root/etc/slurm/slurm.conf"]));
    }
}
