using Jobstats.Deploy.Resources;

namespace Jobstats.Deploy.Components;

/// <summary>
/// The idle-GPU action on the slurmctld host: a oneshot unit running <c>jobstats-summaries idle-gpus</c> as the
/// SlurmUser and a timer for it. Both are always installed; the timer is enabled only with the inventory's
/// <c>alerts.guard_timer: true</c>, and even then it mails or cancels only as jobstats.yaml's idle_gpus.mode says.
/// </summary>
internal static class IdleGpuGuardComponent
{
    public const string UnitName = "jobstats-idle-gpus";
    public const string TimersWantsDir = "/etc/systemd/system/timers.target.wants";

    public static IEnumerable<Resource> Build(ComponentContext c, string role)
    {
        const string name = ComponentNames.IdleGpuGuard;
        var alerts = c.Inventory.Alerts;
        string[] exec = [$"{Layout.BinDir}/jobstats-summaries", "idle-gpus", "--config", Layout.ConfigFile];
        yield return new FileResource(Layout.Unit(UnitName), c.Rendered("systemd/jobstats-idle-gpus.service", new Dictionary<string, string>
        {
            ["user"] = c.Inventory.Slurm.User,
            ["slurm_conf"] = c.Inventory.Slurm.Conf,
            ["exec_start"] = string.Join(' ', exec),
        })) { Component = name, Role = role, Why = "systemd unit: one run of the idle-GPU action (warn, cancel, or only log: idle_gpus.mode)" };
        string timer = $"{Layout.UnitDir}/{UnitName}.timer";
        yield return new FileResource(timer, c.Rendered("systemd/jobstats-idle-gpus.timer", new Dictionary<string, string>
        {
            ["interval"] = alerts.GuardInterval,
        })) { Component = name, Role = role, Why = $"systemd timer: the idle-GPU action every {alerts.GuardInterval}" };
        if (alerts.GuardTimer)
            yield return new SymlinkResource($"{TimersWantsDir}/{UnitName}.timer", timer)
            { Component = name, Role = role, Why = "enables the idle-GPU timer at boot (alerts.guard_timer: true; start it now with systemctl start)" };
    }
}
