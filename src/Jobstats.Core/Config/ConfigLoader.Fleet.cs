using Jobstats.Core.Notes;
using Jobstats.Core.Yaml;

namespace Jobstats.Core.Config;

/// <summary>The sections of the views across many jobs: <c>mail:</c>, <c>idle_gpus:</c> and <c>waste:</c>.</summary>
public static partial class ConfigLoader
{
    private static void ReadFleetSections(YamlSection top, JobstatsConfig config)
    {
        ReadMail(top.Section("mail"), config.Mail);
        ReadIdleGpus(top.Section("idle_gpus"), config.IdleGpus);
        ReadWaste(top.Section("waste"), config);
    }

    private static void ReadMail(YamlSection s, MailSettings mail)
    {
        mail.Sendmail = AbsoluteProgram(s, "sendmail", mail.Sendmail);
        mail.From = s.String("from", mail.From);
        mail.Domain = s.String("domain", mail.Domain);
        mail.SlurmMailer = AbsoluteProgram(s, "slurm_mailer", mail.SlurmMailer);
        mail.ReportTimeoutSeconds = s.Number("report_timeout_seconds", mail.ReportTimeoutSeconds, 1, 600);
        mail.SettleSeconds = s.Number("settle_seconds", mail.SettleSeconds, 0, 300);
        s.ReportUnknownKeys();
    }

    private static void ReadIdleGpus(YamlSection s, IdleGpuSettings idle)
    {
        idle.Mode = s.Choice("mode", idle.Mode, ("dry_run", IdleGpuMode.DryRun), ("warn", IdleGpuMode.Warn),
            ("warn_and_cancel", IdleGpuMode.WarnAndCancel));
        idle.IdleMinutes = s.Number("idle_minutes", idle.IdleMinutes, 1, 525600);
        idle.InteractiveIdleMinutes = s.Number("interactive_idle_minutes", idle.InteractiveIdleMinutes, 1, 525600);
        idle.GraceMinutes = s.Number("grace_minutes", idle.GraceMinutes, 0, 525600);
        foreach (var (user, _) in s.Strings("exclude_users")) idle.ExcludeUsers.Add(user);
        foreach (var (partition, _) in s.Strings("exclude_partitions")) idle.ExcludePartitions.Add(partition);
        if (s.Node("interactive_job_names") is not null)
        {
            idle.InteractiveJobNames.Clear();
            idle.InteractiveJobNames.AddRange(s.Strings("interactive_job_names").Select(n => n.Text));
        }
        idle.StateFile = AbsoluteProgram(s, "state_file", idle.StateFile);
        idle.WarningSubject = Template(s, "warning_subject", idle.WarningSubject, IdleGpuSettings.Placeholders);
        idle.WarningText = Template(s, "warning_text", idle.WarningText, IdleGpuSettings.Placeholders);
        idle.CancelSubject = Template(s, "cancel_subject", idle.CancelSubject, IdleGpuSettings.Placeholders);
        idle.CancelText = Template(s, "cancel_text", idle.CancelText, IdleGpuSettings.Placeholders);
        s.ReportUnknownKeys();
    }

    private static void ReadWaste(YamlSection s, JobstatsConfig config)
    {
        var waste = config.Waste;
        bool keepDefaults = s.Bool("defaults", true);
        var rules = s.Items("rules").Select((item, i) => ReadWasteRule(YamlSection.Of(item, $"waste.rules[{i}]", s.Problems), item)).ToList();
        var sortNode = s.Node("sort_by");
        string sortBy = s.String("sort_by", waste.SortBy);
        waste.MailSubject = Template(s, "mail_subject", waste.MailSubject, WasteSettings.MailPlaceholders);
        waste.MailText = Template(s, "mail_text", waste.MailText, WasteSettings.MailPlaceholders);
        s.ReportUnknownKeys();
        if (!keepDefaults) waste.Rules.Clear();
        // A site rule with a built-in's name replaces it in place (new thresholds, same column); others are appended.
        foreach (var rule in rules.OfType<Waste.WasteRule>())
        {
            int at = waste.Rules.FindIndex(r => r.Name == rule.Name);
            if (at >= 0) waste.Rules[at] = rule;
            else waste.Rules.Add(rule);
        }
        if (sortBy.Length > 0 && !waste.Rules.Any(r => r.Name == sortBy))
            s.Error(sortNode, $"'waste.sort_by': there is no waste rule named '{sortBy}'");
        else waste.SortBy = sortBy;
    }

    private static Waste.WasteRule? ReadWasteRule(YamlSection s, YamlDotNet.RepresentationModel.YamlNode node)
    {
        var name = s.OptionalString("name");
        var title = s.OptionalString("title");
        var when = s.Strings("when").Select(w => w.Text).ToList();
        var amount = s.OptionalString("amount");
        s.ReportUnknownKeys();
        if (name is null) { s.Error(node, "a waste rule needs a name"); return null; }
        if (amount is null) { s.Error(node, $"waste rule '{name}' needs an amount"); return null; }
        try { return Waste.WasteRule.Create(name, title ?? name, when, amount); }
        catch (FormatException e)
        {
            s.Error(node, $"waste rule '{name}': {e.Message}");
            return null;
        }
    }

    /// <summary>An absolute path (a program or a file the programs write), checked here so a typo fails at load.</summary>
    private static string AbsoluteProgram(YamlSection s, string key, string fallback)
    {
        string text = s.String(key, fallback);
        if (text.StartsWith('/')) return text;
        s.Error(s.Node(key), $"'{s.Qualify(key)}' must be an absolute path, not '{text}'");
        return fallback;
    }

    /// <summary>A mail template: every {placeholder} must be one of <paramref name="known"/>; {{ and }} are literal braces.</summary>
    private static string Template(YamlSection s, string key, string fallback, IReadOnlySet<string> known)
    {
        string text = s.String(key, fallback);
        try
        {
            foreach (string name in NoteRule.Placeholders(text))
            {
                if (known.Contains(name)) continue;
                s.Error(s.Node(key), $"'{s.Qualify(key)}': unknown placeholder {{{name}}} (known: {string.Join(", ", known.Order(StringComparer.Ordinal))})");
                return fallback;
            }
        }
        catch (FormatException e)
        {
            s.Error(s.Node(key), $"'{s.Qualify(key)}': {e.Message}");
            return fallback;
        }
        return text;
    }
}
