using Jobstats.Core.Yaml;

namespace Jobstats.Deploy.Inventories;

/// <summary>Reads the inventory's <c>alerts:</c> and <c>mail:</c> sections (kept apart from the loader's older sections).</summary>
internal static class InventoryAlerts
{
    public static AlertSettings Read(YamlSection s)
    {
        var d = AlertSettings.Default;
        var idleFor = s.Duration("idle_gpu_for", d.IdleGpuFor);
        var url = s.OptionalString("alertmanager") is null ? null : s.HttpUrl("alertmanager", "");
        var timer = s.Bool("guard_timer", d.GuardTimer);
        var interval = s.Duration("guard_interval", d.GuardInterval);
        s.ReportUnknownKeys();
        return new AlertSettings(idleFor, url is { Length: > 0 } ? new Uri(url) : null, timer, interval);
    }

    public static MailSettings ReadMail(YamlSection s)
    {
        var d = MailSettings.Default;
        var report = s.Bool("report_in_slurm_mail", d.ReportInSlurmMail);
        var mailer = s.AbsolutePath("mailer", d.Mailer);
        s.ReportUnknownKeys();
        return new MailSettings(report, mailer);
    }
}
