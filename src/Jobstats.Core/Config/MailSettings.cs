namespace Jobstats.Core.Config;

/// <summary>
/// The <c>mail:</c> section: how jobstats sends mail (the idle-GPU warnings, the waste report's letters) and which
/// mailer the end-of-job wrapper hands Slurm's own mail to.
/// </summary>
public sealed class MailSettings
{
    /// <summary>A sendmail-compatible program, run as <c>sendmail -t -oi</c> with the message on stdin.</summary>
    public string Sendmail { get; set; } = "/usr/sbin/sendmail";

    /// <summary>The From address of jobstats' own mail.</summary>
    public string From { get; set; } = "jobstats";

    /// <summary>Appended to a user name to make its address (<c>alice</c> → <c>alice@DOMAIN</c>); empty: local delivery.</summary>
    public string Domain { get; set; } = "";

    /// <summary>The mailer Slurm would have run (its MailProg before jobstats), given Slurm's arguments unchanged.</summary>
    public string SlurmMailer { get; set; } = "/usr/bin/mail";

    /// <summary>How long the end-of-job wrapper waits for the report before the mail goes without it.</summary>
    public double ReportTimeoutSeconds { get; set; } = 30;

    /// <summary>How long the wrapper lets accounting settle (the summary being stored) before it asks for the report.</summary>
    public double SettleSeconds { get; set; } = 5;

    public string AddressOf(string user) => Domain.Length == 0 ? user : $"{user}@{Domain}";
}
