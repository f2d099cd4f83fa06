namespace Jobstats.Summaries.Storage;

/// <summary>
/// Upstream's external store schema (Princeton jobstats' <c>job_summary</c>, <c>job_nodes</c>, <c>job_gpu_metrics</c>),
/// column for column: upstream's readers and the SQL reports sites already run depend on these names and types, so
/// nothing here may change without breaking them. Every statement is idempotent (IF NOT EXISTS), so creating the schema
/// on first use is safe against an existing database, whichever program created it.
/// </summary>
internal static class SummarySchema
{
    public const string Summaries = "job_summary";
    public const string Nodes = "job_nodes";
    public const string GpuMetrics = "job_gpu_metrics";

    /// <summary>The widths upstream chose; longer values are refused by the server (strict mode), never truncated.</summary>
    public const int ClusterLength = 40;
    public const int NodeNameLength = 255;
    public const int GpuIndexLength = 16;

    /// <summary>In dependency order: a child table's foreign key needs its parent.</summary>
    public static readonly IReadOnlyList<string> CreateStatements =
    [
        $"""
        CREATE TABLE IF NOT EXISTS {Summaries} (
            id BIGINT NOT NULL AUTO_INCREMENT,
            cluster VARCHAR({ClusterLength}) NOT NULL,
            jobid BIGINT NOT NULL,
            admin_comment LONGTEXT,
            total_time DOUBLE,
            gpus INT,
            created_at DATETIME DEFAULT CURRENT_TIMESTAMP,
            updated_at DATETIME DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
            PRIMARY KEY (id),
            UNIQUE KEY unique_cluster_jobid (cluster, jobid),
            KEY idx_created_at (created_at)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
        """,
        $"""
        CREATE TABLE IF NOT EXISTS {Nodes} (
            id BIGINT NOT NULL AUTO_INCREMENT,
            job_summary_id BIGINT NOT NULL,
            node_name VARCHAR({NodeNameLength}),
            cpus INT,
            total_memory BIGINT,
            used_memory BIGINT,
            total_time DOUBLE,
            PRIMARY KEY (id),
            KEY idx_job_summary_id (job_summary_id),
            KEY idx_node_name (node_name),
            CONSTRAINT fk_job_nodes_job_summary FOREIGN KEY (job_summary_id)
                REFERENCES {Summaries} (id) ON DELETE CASCADE
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
        """,
        $"""
        CREATE TABLE IF NOT EXISTS {GpuMetrics} (
            id BIGINT NOT NULL AUTO_INCREMENT,
            job_node_id BIGINT NOT NULL,
            gpu_index VARCHAR({GpuIndexLength}),
            gpu_utilization DECIMAL(5,2),
            gpu_used_memory BIGINT,
            gpu_total_memory BIGINT,
            PRIMARY KEY (id),
            KEY idx_job_node_id (job_node_id),
            KEY idx_gpu_index (gpu_index),
            CONSTRAINT fk_job_gpu_metrics_job_nodes FOREIGN KEY (job_node_id)
                REFERENCES {Nodes} (id) ON DELETE CASCADE
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
        """,
    ];
}
