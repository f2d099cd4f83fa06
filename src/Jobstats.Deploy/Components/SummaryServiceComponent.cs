using System.Globalization;
using Jobstats.Deploy.Resources;

namespace Jobstats.Deploy.Components;

/// <summary>
/// The summary service on the slurmctld host: the spool directory the epilog queues ended jobs in, and the
/// <c>jobstats summaries serve</c> unit that stores their summaries. Both belong to the SlurmUser, which slurmctld
/// runs the epilog as and which may write AdminComment.
/// </summary>
internal static class SummaryServiceComponent
{
    public const string UnitName = "jobstats-summaries";

    public static IEnumerable<Resource> Build(ComponentContext c, string role)
    {
        const string name = ComponentNames.SummaryService;
        var user = c.Inventory.Slurm.User;
        yield return new DirectoryResource(Layout.SpoolDir, FileModes.GroupExecutable, user, user)
        { Component = name, Role = role, Why = "queue of ended jobs waiting for their summary (written by the epilog as the SlurmUser)" };
        var port = c.Inventory.Ports.Summaries.ToString(CultureInfo.InvariantCulture);
        string[] exec = [$"{Layout.BinDir}/jobstats-summaries", "serve", "--config", Layout.ConfigFile];
        foreach (var r in ServiceUnits.Build(c, UnitName, "systemd/jobstats-summaries.service", exec, user,
                     new Dictionary<string, string> { ["user"] = user, ["slurm_conf"] = c.Inventory.Slurm.Conf },
                     [$"file:{Layout.BinDir}/jobstats-summaries", $"file:{Layout.ConfigFile}"], name, role,
                     $"stores queued jobs' summaries in batches, retries, backfills; metrics on :{port}"))
            yield return r;
    }
}
