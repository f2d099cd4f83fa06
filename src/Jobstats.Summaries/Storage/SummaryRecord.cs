using Jobstats.Core.Model;

namespace Jobstats.Summaries.Storage;

/// <summary>
/// One finished job's summary, ready to store: the exact upstream <c>JS1:</c> value (standard form, never the case-safe
/// one) and the figures the external store's tables hold. <see cref="Usage"/> is null for the Short and None markers.
/// </summary>
/// <param name="Cluster">Slurm's cluster name.</param>
/// <param name="JobIdRaw">The raw numeric id (an array task by its own raw id), the key upstream's store uses.</param>
/// <param name="Value">The <c>JS1:</c> payload: <c>JS1:</c> + base64, <c>JS1:Short</c> or <c>JS1:None</c>.</param>
/// <param name="TotalTime">The job's run time in seconds, as in the summary's <c>total_time</c>.</param>
/// <param name="Gpus">Allocated GPUs, as in the summary's <c>gpus</c>.</param>
public sealed record SummaryRecord(string Cluster, long JobIdRaw, string Value, long TotalTime, int Gpus, JobUsage? Usage);
