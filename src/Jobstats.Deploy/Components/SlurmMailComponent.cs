using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Resources;
using Jobstats.Deploy.Targets;

namespace Jobstats.Deploy.Components;

/// <summary>
/// With the inventory's <c>mail.report_in_slurm_mail: true</c>: the <c>jobstats-mail</c> MailProg wrapper on the
/// slurmctld host and, on BCM, the MailProg setting through cmsh. In slurm-conf mode the setting joins the managed block
/// of <see cref="SlurmctldEpilogComponent"/> (one block per file), through <see cref="SlurmConfLines"/>.
/// </summary>
internal static class SlurmMailComponent
{
    public const string Wrapper = "/usr/local/bin/jobstats-mail";

    public static IEnumerable<Resource> Build(ComponentContext c, string role)
    {
        var inv = c.Inventory;
        if (!inv.Mail.ReportInSlurmMail) yield break;
        yield return new FileResource(Wrapper, c.Rendered("slurm/jobstats-mail.sh", new Dictionary<string, string>
        {
            ["slurm_conf"] = ShellQuote.Quote(inv.Slurm.Conf),
            ["summaries_bin"] = ShellQuote.Quote($"{Layout.BinDir}/jobstats-summaries"),
            ["mailer"] = ShellQuote.Quote(inv.Mail.Mailer),
            ["config"] = ShellQuote.Quote(Layout.ConfigFile),
        }), FileModes.Executable) { Component = ComponentNames.SlurmMail, Role = role, Why = $"MailProg: Slurm's job-end mail with the jobstats report, sent by {inv.Mail.Mailer}" };
        if (inv.Slurm.SettingsVia == SlurmSettingsVia.Cmsh)
            yield return new CmshSettingResource("", "mailprog", Wrapper) { Component = ComponentNames.SlurmSettings, Role = role, Why = "slurm.conf MailProg, held by BCM" };
    }

    /// <summary>The slurm.conf lines this component adds to the managed block (slurm-conf mode).</summary>
    public static IEnumerable<string> SlurmConfLines(Inventory inventory) =>
        inventory.Mail.ReportInSlurmMail ? [$"MailProg={Wrapper}"] : [];
}
