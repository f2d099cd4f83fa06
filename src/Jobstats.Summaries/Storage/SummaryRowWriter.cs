using System.Globalization;
using System.Text;
using Jobstats.Core.Model;
using MySqlConnector;

namespace Jobstats.Summaries.Storage;

/// <summary>
/// Writes one summary's rows inside the caller's transaction, as upstream's store_jobstats does: upsert the
/// <c>job_summary</c> row by (cluster, jobid), delete its nodes (their GPU rows go with them, ON DELETE CASCADE), then
/// insert the nodes and each node's GPUs. A rewrite therefore never leaves stale or duplicate children behind.
/// </summary>
internal sealed class SummaryRowWriter(MySqlConnection connection, MySqlTransaction transaction)
{
    // LAST_INSERT_ID(id) makes the driver report the existing row's id on an update too, saving a SELECT. updated_at
    // is set explicitly: ON UPDATE CURRENT_TIMESTAMP does not fire when every other value is unchanged.
    private const string UpsertSummary =
        $"INSERT INTO {SummarySchema.Summaries} (cluster, jobid, admin_comment, total_time, gpus) " +
        "VALUES (@cluster, @jobid, @value, @total_time, @gpus) " +
        "ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id), admin_comment = @value, total_time = @total_time, " +
        "gpus = @gpus, updated_at = CURRENT_TIMESTAMP";

    private const string DeleteNodes = $"DELETE FROM {SummarySchema.Nodes} WHERE job_summary_id = @summary";

    private const string InsertNode =
        $"INSERT INTO {SummarySchema.Nodes} (job_summary_id, node_name, cpus, total_memory, used_memory, total_time) " +
        "VALUES (@summary, @node, @cpus, @total_memory, @used_memory, @total_time)";

    private const string GpuColumns =
        $"INSERT INTO {SummarySchema.GpuMetrics} (job_node_id, gpu_index, gpu_utilization, gpu_used_memory, gpu_total_memory) VALUES ";

    public async Task WriteAsync(SummaryRecord summary, CancellationToken cancellationToken)
    {
        long summaryId = await UpsertSummaryAsync(summary, cancellationToken).ConfigureAwait(false);
        using (var delete = Command(DeleteNodes))
        {
            delete.Parameters.AddWithValue("@summary", summaryId);
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        if (summary.Usage is null) return;
        foreach (var (name, node) in summary.Usage.Nodes)
        {
            long nodeId = await InsertNodeAsync(summaryId, name, node, cancellationToken).ConfigureAwait(false);
            await InsertGpusAsync(nodeId, node, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<long> UpsertSummaryAsync(SummaryRecord summary, CancellationToken cancellationToken)
    {
        using var command = Command(UpsertSummary);
        command.Parameters.AddWithValue("@cluster", summary.Cluster);
        command.Parameters.AddWithValue("@jobid", summary.JobIdRaw);
        command.Parameters.AddWithValue("@value", summary.Value);
        // JS1:Short and JS1:None carry no figures: upstream stores NULL there, and SQL reports tell them apart by it.
        command.Parameters.AddWithValue("@total_time", summary.Usage is null ? DBNull.Value : (double)summary.TotalTime);
        command.Parameters.AddWithValue("@gpus", summary.Usage is null ? DBNull.Value : summary.Gpus);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return command.LastInsertedId;
    }

    private async Task<long> InsertNodeAsync(long summaryId, string name, NodeUsage node, CancellationToken cancellationToken)
    {
        using var command = Command(InsertNode);
        command.Parameters.AddWithValue("@summary", summaryId);
        command.Parameters.AddWithValue("@node", name);
        command.Parameters.AddWithValue("@cpus", Int32(node.Cpus));
        command.Parameters.AddWithValue("@total_memory", Int64(node.TotalMemory));
        command.Parameters.AddWithValue("@used_memory", Int64(node.UsedMemory));
        command.Parameters.AddWithValue("@total_time", Double(node.TotalTime));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return command.LastInsertedId;
    }

    /// <summary>One row per GPU key seen in any of the three GPU figures, in one multi-row statement per node.</summary>
    private async Task InsertGpusAsync(long nodeId, NodeUsage node, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        foreach (var figures in new[] { node.GpuUtilization, node.GpuUsedMemory, node.GpuTotalMemory })
        {
            if (figures is null) continue;
            foreach (string key in figures.Keys)
            {
                if (!keys.Contains(key)) keys.Add(key);
            }
        }
        if (keys.Count == 0) return;

        using var command = Command("");
        command.Parameters.AddWithValue("@node", nodeId);
        var sql = new StringBuilder(GpuColumns);
        for (int i = 0; i < keys.Count; i++)
        {
            string n = i.ToString(CultureInfo.InvariantCulture);
            if (i > 0) sql.Append(", ");
            sql.Append($"(@node, @gpu{n}, @utilization{n}, @used{n}, @total{n})");
            command.Parameters.AddWithValue("@gpu" + n, keys[i]);
            command.Parameters.AddWithValue("@utilization" + n, Utilization(Lookup(node.GpuUtilization, keys[i])));
            command.Parameters.AddWithValue("@used" + n, Int64(Lookup(node.GpuUsedMemory, keys[i])));
            command.Parameters.AddWithValue("@total" + n, Int64(Lookup(node.GpuTotalMemory, keys[i])));
        }
        command.CommandText = sql.ToString();
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private MySqlCommand Command(string sql) => new(sql, connection, transaction);

    private static Figure? Lookup(OrderedDictionary<string, Figure>? figures, string key) =>
        figures is not null && figures.TryGetValue(key, out var figure) ? figure : null;

    // A figure the column cannot hold (NaN, infinity, out of range) becomes NULL rather than failing the whole batch:
    // one odd measurement must not keep a hundred other jobs out of the store.
    private static object Int32(Figure? figure) =>
        figure is { Value: var v } && double.IsFinite(v) && Math.Round(v) is >= int.MinValue and <= int.MaxValue
            ? (int)Math.Round(v)
            : DBNull.Value;

    private static object Int64(Figure? figure) =>
        figure is { Value: var v } && double.IsFinite(v) && Math.Abs(v) < 9.2e18 ? (long)Math.Round(v) : DBNull.Value;

    private static object Double(Figure? figure) =>
        figure is { Value: var v } && double.IsFinite(v) ? v : DBNull.Value;

    /// <summary>DECIMAL(5,2): two decimals, below 1000 in magnitude.</summary>
    private static object Utilization(Figure? figure) =>
        figure is { Value: var v } && double.IsFinite(v) && Math.Abs(Math.Round(v, 2)) < 1000
            ? Math.Round((decimal)v, 2)
            : DBNull.Value;
}
