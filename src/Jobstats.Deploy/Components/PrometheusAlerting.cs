using System.Globalization;
using Jobstats.Deploy.Resources;

namespace Jobstats.Deploy.Components;

/// <summary>
/// The idle-GPU alerting rule beside prometheus.yml, and the <c>alerting:</c> section that sends its alerts to the
/// inventory's Alertmanager. With an existing Prometheus the rule file is still written, for the admin to list under
/// <c>rule_files:</c>.
/// </summary>
internal static class PrometheusAlerting
{
    public static FileResource RuleFile(ComponentContext c, string role) =>
        new(Layout.PrometheusAlertRules, c.Rendered("prometheus/jobstats-alerts.yml", new Dictionary<string, string>
        {
            ["cluster"] = c.Inventory.Cluster,
            ["idle_for"] = c.Inventory.Alerts.IdleGpuFor,
        }))
        {
            Component = ComponentNames.Prometheus, Role = role,
            Why = $"alerting rule: a job's GPUs at 0% for {c.Inventory.Alerts.IdleGpuFor}",
        };

    /// <summary>The <c>alerting:</c> section (ending in a newline), or nothing when the inventory names no Alertmanager.</summary>
    public static string AlertingSection(ComponentContext c)
    {
        if (c.Inventory.Alerts.Alertmanager is not { } url) return "";
        string prefix = url.AbsolutePath.TrimEnd('/');
        string target = url.Host + ":" + url.Port.ToString(CultureInfo.InvariantCulture);
        return "alerting:\n" +
               "  alertmanagers:\n" +
               $"    - scheme: {url.Scheme}\n" +
               (prefix.Length > 0 ? $"      path_prefix: '{prefix}'\n" : "") +
               "      static_configs:\n" +
               $"        - targets: ['{target}']\n";
    }
}
