namespace Jobstats.Deploy.Inventories;

/// <summary>
/// The inventory's <c>mail:</c> section: whether Slurm's end-of-job mail carries the jobstats report, through the
/// <c>jobstats-mail</c> wrapper set as slurm.conf's MailProg, and which mailer the wrapper hands the mail to.
/// </summary>
public sealed record MailSettings(bool ReportInSlurmMail, string Mailer)
{
    public static readonly MailSettings Default = new(false, "/usr/bin/mail");
}
