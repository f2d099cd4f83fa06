using Jobstats.Deploy.Inventories;
using Jobstats.Processes;
using Jobstats.Slurm;
using Jobstats.Slurm.AdminComments;

namespace Jobstats.Deploy.Engine;

/// <summary>
/// What <c>plan</c> says about where summaries will be kept. A Slurm whose sacctmgr lower-cases AdminComment (22.05)
/// destroys base64: jobstats then writes the case-safe <c>js1b32:</c> form, which it reads but upstream's jobstats,
/// reportseff and job_defense_shield cannot; only the external store keeps upstream's exact <c>JS1:</c> payload.
/// </summary>
public static class SummaryStoreAdvice
{
    /// <summary>The note for this Slurm and inventory, or null when there is nothing to say (or sacctmgr is not here).</summary>
    public static async Task<string?> ForAsync(Inventory inventory, IProcessRunner runner, CancellationToken ct)
    {
        SlurmVersion? version = await new AdminCommentStore(runner, TimeSpan.FromSeconds(15)).SacctmgrVersionAsync(ct).ConfigureAwait(false);
        if (version is null || !version.LowerCasesAdminComment) return null;
        return inventory.Summaries.Store switch
        {
            "database" =>
                $"Slurm {version} lower-cases AdminComment: summaries go to the external store only, where upstream's exact JS1: payload is kept",
            "database_and_admin_comment" =>
                $"Slurm {version} lower-cases AdminComment: the external store keeps upstream's exact JS1: payload, but the AdminComment " +
                "mirror is the case-safe js1b32: form, and upstream's jobstats reads a non-empty AdminComment first; " +
                "summaries.store: database serves upstream's tools better",
            _ =>
                $"Slurm {version} lower-cases AdminComment, so summaries are kept there in the case-safe js1b32: form, which jobstats " +
                "reads but upstream's jobstats, reportseff and job_defense_shield cannot; to keep upstream's exact JS1: payload, " +
                "set summaries.store: database in the inventory (the external MariaDB/MySQL store, admin guide)",
        };
    }
}
