namespace Jobstats.Deploy.Inventories;

/// <summary>
/// The inventory's <c>alerts:</c> section: the idle-GPU alerting rule jobstatsctl installs with a new Prometheus, the
/// Alertmanager it sends to, and the timer of <c>jobstats idle-gpus</c> (installed, but enabled only when asked).
/// </summary>
/// <param name="IdleGpuFor">How long a job's GPUs sit at 0% before the alert fires (a Prometheus duration).</param>
/// <param name="Alertmanager">The Alertmanager URL for prometheus.yml's <c>alerting:</c>; null: none is written.</param>
/// <param name="GuardTimer">Whether the idle-GPU action's timer is enabled (it mails or cancels only as jobstats.yaml says).</param>
/// <param name="GuardInterval">How often the timer runs the action.</param>
public sealed record AlertSettings(string IdleGpuFor, Uri? Alertmanager, bool GuardTimer, string GuardInterval)
{
    public static readonly AlertSettings Default = new("30m", null, false, "10m");
}
