using System.Globalization;
using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Resources;
using Jobstats.Deploy.Targets;

namespace Jobstats.Deploy.Components;

/// <summary>
/// The slurmctld epilog that runs <c>jobstats store</c>, and the Slurm settings that call it: through cmsh on BCM
/// (BCM regenerates slurm.conf), or as a managed block in slurm.conf elsewhere.
/// </summary>
internal static class SlurmctldEpilogComponent
{
    public static IEnumerable<Resource> Build(ComponentContext c, string role)
    {
        const string name = ComponentNames.SlurmctldEpilog;
        var inv = c.Inventory;
        yield return new FileResource(Layout.SlurmctldEpilog, c.Rendered("slurm/slurmctld-epilog-jobstats.sh", new Dictionary<string, string>
        {
            ["slurm_conf"] = ShellQuote.Quote(inv.Slurm.Conf),
            ["jobstats_bin"] = ShellQuote.Quote($"{Layout.BinDir}/jobstats-summaries"),
            ["store_timeout_seconds"] = inv.Slurm.StoreTimeoutSeconds.ToString(CultureInfo.InvariantCulture),
        }), FileModes.Executable) { Component = name, Role = role, Why = "EpilogSlurmctld: stores each finished job's summary in its AdminComment" };

        if (inv.Slurm.SettingsVia == SlurmSettingsVia.Cmsh)
        {
            yield return new CmshSettingResource("", "epilogslurmctld", Layout.SlurmctldEpilog) { Component = ComponentNames.SlurmSettings, Role = role, Why = "slurm.conf EpilogSlurmctld, held by BCM" };
            yield return new CmshSettingResource("cgroups", "constraincores", "yes") { Component = ComponentNames.SlurmSettings, Role = role, Why = "jobs confined to their cores, so per-job CPU figures are exact" };
            yield return new CmshSettingResource("cgroups", "constrainramspace", "yes") { Component = ComponentNames.SlurmSettings, Role = role, Why = "per-job memory limits, the basis of memory efficiency" };
        }
        else
        {
            var lines = new List<string> { $"EpilogSlurmctld={Layout.SlurmctldEpilog}" };
            lines.AddRange(SlurmMailComponent.SlurmConfLines(inv));
            yield return new ManagedBlockResource(inv.Slurm.Conf, lines, ["env", $"SLURM_CONF={inv.Slurm.Conf}", "scontrol", "reconfigure"])
            { Component = ComponentNames.SlurmSettings, Role = role, Why = "EpilogSlurmctld in a marked block of slurm.conf (later definitions win in Slurm); Slurm 22.05 runs a newly set EpilogSlurmctld only after slurmctld restarts" };
        }
    }
}
