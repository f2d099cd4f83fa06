using System.Diagnostics;
using System.Globalization;
using Jobstats.Core.Model;
using Jobstats.Summaries.Storage;
using Jobstats.Testing;
using MySqlConnector;

namespace Jobstats.Summaries.Tests.Storage;

/// <summary>The store against a real MariaDB server; every test uses its own cluster name, so none sees another's rows.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class MariaDbSummaryStoreTests(MariaDbServer server)
{
    // An exact upstream-style payload: mixed case, so a lower-casing store (Slurm 22.05's AdminComment) would show.
    private const string GpuJobValue = "JS1:H4sIAFqKbmcC/6tWSsvPT0osUrKqVkrOz0nJTM5XslIyNDAw0FFKzi/NK1GyMjQ0NDDQUcpMScsvyi1WslJKzs8tyc/TUkrJLyjNBQDw1ZVsOwAAAA==";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_schema_has_upstreams_tables_columns_keys_and_cascading_foreign_keys()
    {
        // Twice, from two stores: creating over an existing schema (upstream's, or ours) must be harmless.
        await new MariaDbSummaryStore(server.TcpOptions()).EnsureSchemaAsync(Token);
        await new MariaDbSummaryStore(server.TcpOptions()).EnsureSchemaAsync(Token);

        Assert.Equal(
        [
            "job_gpu_metrics|id|bigint|NO|auto_increment",
            "job_gpu_metrics|job_node_id|bigint|NO|",
            "job_gpu_metrics|gpu_index|varchar(16)|YES|",
            "job_gpu_metrics|gpu_utilization|decimal(5,2)|YES|",
            "job_gpu_metrics|gpu_used_memory|bigint|YES|",
            "job_gpu_metrics|gpu_total_memory|bigint|YES|",
            "job_nodes|id|bigint|NO|auto_increment",
            "job_nodes|job_summary_id|bigint|NO|",
            "job_nodes|node_name|varchar(255)|YES|",
            "job_nodes|cpus|int|YES|",
            "job_nodes|total_memory|bigint|YES|",
            "job_nodes|used_memory|bigint|YES|",
            "job_nodes|total_time|double|YES|",
            "job_summary|id|bigint|NO|auto_increment",
            "job_summary|cluster|varchar(40)|NO|",
            "job_summary|jobid|bigint|NO|",
            "job_summary|admin_comment|longtext|YES|",
            "job_summary|total_time|double|YES|",
            "job_summary|gpus|int|YES|",
            "job_summary|created_at|datetime|YES|",
            "job_summary|updated_at|datetime|YES|on update current_timestamp()",
        ], await RowsAsync("""
            SELECT TABLE_NAME, COLUMN_NAME,
                   CASE DATA_TYPE WHEN 'varchar' THEN CONCAT('varchar(', CHARACTER_MAXIMUM_LENGTH, ')')
                                  WHEN 'decimal' THEN CONCAT('decimal(', NUMERIC_PRECISION, ',', NUMERIC_SCALE, ')')
                                  ELSE DATA_TYPE END,
                   IS_NULLABLE, EXTRA
            FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, ORDINAL_POSITION
            """));
        Assert.Equal(
        [
            "job_gpu_metrics|0|id",
            "job_gpu_metrics|1|gpu_index",
            "job_gpu_metrics|1|job_node_id",
            "job_nodes|0|id",
            "job_nodes|1|job_summary_id",
            "job_nodes|1|node_name",
            "job_summary|0|cluster,jobid",
            "job_summary|0|id",
            "job_summary|1|created_at",
        ], await RowsAsync("""
            SELECT TABLE_NAME, NON_UNIQUE, GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX) AS columns
            FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE()
            GROUP BY TABLE_NAME, INDEX_NAME, NON_UNIQUE ORDER BY TABLE_NAME, NON_UNIQUE, columns
            """));
        Assert.Equal(
        [
            "job_gpu_metrics|job_node_id|job_nodes|id|CASCADE",
            "job_nodes|job_summary_id|job_summary|id|CASCADE",
        ], await RowsAsync("""
            SELECT k.TABLE_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME, r.DELETE_RULE
            FROM information_schema.KEY_COLUMN_USAGE k
            JOIN information_schema.REFERENTIAL_CONSTRAINTS r
              ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME
            WHERE k.TABLE_SCHEMA = DATABASE() ORDER BY k.TABLE_NAME
            """));
        Assert.Equal(["job_gpu_metrics|InnoDB", "job_nodes|InnoDB", "job_summary|InnoDB"],
            await RowsAsync("SELECT TABLE_NAME, ENGINE FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME"));
    }

    [Fact]
    public async Task A_multi_node_GPU_job_round_trips_with_one_row_per_node_and_per_GPU_key()
    {
        var store = new MariaDbSummaryStore(server.TcpOptions());

        await store.WriteAsync([new SummaryRecord("roundtrip", 4242, GpuJobValue, 86400, 3, GpuJob())], Token);

        Assert.Equal(GpuJobValue, await store.ReadAsync("roundtrip", 4242, Token));
        Assert.Null(await store.ReadAsync("roundtrip", 4243, Token));
        Assert.Null(await store.ReadAsync("elsewhere", 4242, Token));
        Assert.Equal([$"{GpuJobValue}|86400|3"], await SummaryRowsAsync("roundtrip", 4242));
        Assert.Equal(
        [
            "della-l01g1|8|34359738368|4294967296|28512.3",
            "della-l01g2|16|68719476736|2147483648|14000.25",
        ], await NodeRowsAsync("roundtrip", 4242));
        // GPU 7 of the second node has only a total: the union of the three figures' keys gives it a row, NULLs elsewhere.
        Assert.Equal(
        [
            "della-l01g1|0|97.30|10737418240|85899345920",
            "della-l01g1|1|12.00|1073741824|85899345920",
            "della-l01g2|3|45.67|5368709120|85899345920",
            "della-l01g2|7|NULL|NULL|85899345920",
        ], await GpuRowsAsync("roundtrip", 4242));
    }

    [Theory]
    [InlineData("JS1:Short")]
    [InlineData("JS1:None")]
    public async Task A_short_or_empty_job_is_only_a_summary_row_with_null_figures(string value)
    {
        var store = new MariaDbSummaryStore(server.TcpOptions());

        await store.WriteAsync([new SummaryRecord("markers", 77, value, 45, 0, null)], Token);

        Assert.Equal(value, await store.ReadAsync("markers", 77, Token));
        Assert.Equal([$"{value}|NULL|NULL"], await SummaryRowsAsync("markers", 77));
        Assert.Empty(await NodeRowsAsync("markers", 77));
    }

    [Fact]
    public async Task Rewriting_a_summary_replaces_its_nodes_and_GPUs_without_duplicates()
    {
        var store = new MariaDbSummaryStore(server.TcpOptions());
        await store.WriteAsync([new SummaryRecord("rewrite", 10, GpuJobValue, 86400, 3, GpuJob())], Token);
        var smaller = new JobUsage();
        var node = smaller.Node("della-l01g9");
        node.Cpus = Figure.Integer(4);
        node.GpuUtilization = new() { ["2"] = Figure.Float(99.5) };

        await store.WriteAsync([new SummaryRecord("rewrite", 10, "JS1:second", 100, 1, smaller)], Token);

        Assert.Equal(["JS1:second|100|1"], await SummaryRowsAsync("rewrite", 10));
        Assert.Equal(["della-l01g9|4|NULL|NULL|NULL"], await NodeRowsAsync("rewrite", 10));
        Assert.Equal(["della-l01g9|2|99.50|NULL|NULL"], await GpuRowsAsync("rewrite", 10));

        await store.WriteAsync([new SummaryRecord("rewrite", 10, "JS1:Short", 20, 0, null)], Token);

        Assert.Equal(["JS1:Short|NULL|NULL"], await SummaryRowsAsync("rewrite", 10));
        Assert.Empty(await NodeRowsAsync("rewrite", 10));
        // No orphans anywhere: every child row belongs to a live summary (the cascade took the GPUs with their nodes).
        Assert.Equal(["0"], await RowsAsync(
            "SELECT COUNT(*) FROM job_gpu_metrics g LEFT JOIN job_nodes n ON n.id = g.job_node_id WHERE n.id IS NULL"));
    }

    [Fact]
    public async Task A_batch_is_one_transaction_so_one_bad_record_leaves_nothing_of_it_written()
    {
        var store = new MariaDbSummaryStore(server.TcpOptions());
        await store.WriteAsync([new SummaryRecord("atomic", 9, "JS1:Short", 20, 0, null)], Token);
        string tooLong = new('c', SummarySchema.ClusterLength + 1);

        var error = await Assert.ThrowsAsync<SummaryDatabaseException>(() => store.WriteAsync(
        [
            new SummaryRecord("atomic", 1, GpuJobValue, 86400, 3, GpuJob()),
            new SummaryRecord("atomic", 9, GpuJobValue, 86400, 3, GpuJob()),
            new SummaryRecord(tooLong, 2, "JS1:None", 5, 0, null),
        ], Token));

        Assert.Contains("storing 3 summaries failed: Data too long for column 'cluster'", error.Message, StringComparison.Ordinal);
        Assert.Null(await store.ReadAsync("atomic", 1, Token));
        Assert.Empty(await store.WithSummaryAsync(tooLong, [2], Token));
        // The summary the batch would have replaced is untouched, children included.
        Assert.Equal(["JS1:Short|NULL|NULL"], await SummaryRowsAsync("atomic", 9));
        Assert.Empty(await NodeRowsAsync("atomic", 9));
    }

    [Fact]
    public async Task Backfill_learns_which_of_thousands_of_ids_have_a_summary_across_chunks_of_a_thousand()
    {
        var store = new MariaDbSummaryStore(server.TcpOptions());
        await store.WriteAsync(
        [
            new SummaryRecord("backfill", 7, "JS1:Short", 1, 0, null),
            new SummaryRecord("backfill", 1000, "JS1:Short", 1, 0, null),
            new SummaryRecord("backfill", 1001, "JS1:None", 1, 0, null),
            new SummaryRecord("backfill", 2999, GpuJobValue, 86400, 3, GpuJob()),
            new SummaryRecord("backfill-other", 5, "JS1:Short", 1, 0, null),
        ], Token);
        long[] ids = [.. Enumerable.Range(1, 3000).Select(i => (long)i), 7, 2999];

        var found = await store.WithSummaryAsync("backfill", ids, Token);

        Assert.Equal([7L, 1000L, 1001L, 2999L], found.Order());
        Assert.Empty(await store.WithSummaryAsync("backfill", [], Token));
    }

    [Fact]
    public async Task Names_with_quotes_and_SQL_are_stored_as_data()
    {
        var store = new MariaDbSummaryStore(server.TcpOptions());
        const string cluster = "x'); DROP TABLE job_summary;--";
        var usage = new JobUsage();
        usage.Node("n\"'\\; DELETE FROM job_nodes;-- ü").Cpus = Figure.Integer(1);

        await store.WriteAsync([new SummaryRecord(cluster, 1, "JS1:None'\"", 1, 0, usage)], Token);

        Assert.Equal("JS1:None'\"", await store.ReadAsync(cluster, 1, Token));
        Assert.Equal(["n\"'\\; DELETE FROM job_nodes;-- ü|1|NULL|NULL|NULL"], await NodeRowsAsync(cluster, 1));
    }

    [Fact]
    public async Task The_unix_socket_given_in_the_option_file_is_used()
    {
        var store = new MariaDbSummaryStore(server.OptionFile($"""
            [client]
            socket = {server.Socket}
            port = 1
            [jobstats]
            user = {MariaDbServer.User}
            password = {MariaDbServer.Password}
            """));

        await store.WriteAsync([new SummaryRecord("socket", 3, "JS1:Short", 1, 0, null)], Token);

        Assert.Equal("JS1:Short", await store.ReadAsync("socket", 3, Token));
    }

    [Fact]
    public async Task Reading_a_store_nothing_was_written_to_finds_no_summary()
    {
        await server.RootSqlAsync($"""
            CREATE DATABASE IF NOT EXISTS untouched;
            GRANT SELECT ON untouched.* TO '{MariaDbServer.User}'@'127.0.0.1';
            """);
        var store = new MariaDbSummaryStore(server.TcpOptions(database: "untouched"));

        Assert.Null(await store.ReadAsync("any", 1, Token));
    }

    [Fact]
    public async Task The_privileges_the_admin_guide_lists_suffice_to_create_write_and_read()
    {
        await server.RootSqlAsync("""
            CREATE DATABASE granted;
            CREATE USER 'writer'@'127.0.0.1' IDENTIFIED BY 'writer-pw';
            GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, REFERENCES ON granted.* TO 'writer'@'127.0.0.1';
            CREATE USER 'reader'@'127.0.0.1' IDENTIFIED BY 'reader-pw';
            GRANT SELECT ON granted.* TO 'reader'@'127.0.0.1';
            """);
        MariaDbSummaryStore Store(string user) => new(server.TcpOptions(user, $"{user}-pw", "granted"));

        await Store("writer").WriteAsync([new SummaryRecord("granted", 1, GpuJobValue, 86400, 3, GpuJob())], Token);
        await Store("writer").WriteAsync([new SummaryRecord("granted", 1, GpuJobValue, 86400, 3, GpuJob())], Token);

        Assert.Equal(GpuJobValue, await Store("reader").ReadAsync("granted", 1, Token));
    }

    [Fact]
    public async Task A_server_that_is_down_fails_fast_with_one_line_and_no_password()
    {
        var options = server.TcpOptions(port: FreePort.Next());
        var store = new MariaDbSummaryStore(options);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<SummaryDatabaseException>(
            () => store.WriteAsync([new SummaryRecord("down", 1, "JS1:Short", 1, 0, null)], Token));

        Assert.StartsWith($"summary store (jobstats@127.0.0.1:{options.Port}, database jobstats): creating the schema failed: " +
            $"cannot connect (is the server up, and are host, port or socket in {options.Path} right?): ",
            error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(MariaDbServer.Password, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.True(clock.Elapsed < MariaDbSummaryStore.ConnectTimeout + TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        // Readers get the same treatment.
        var readError = await Assert.ThrowsAsync<SummaryDatabaseException>(() => store.ReadAsync("down", 1, Token));
        Assert.Contains("reading job 1 failed: cannot connect (", readError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_says_access_denied_and_where_the_password_comes_from_without_showing_it()
    {
        const string wrong = "Wrong-Pw-4b2e";
        var options = server.TcpOptions(password: wrong);

        var error = await Assert.ThrowsAsync<SummaryDatabaseException>(
            () => new MariaDbSummaryStore(options).ReadAsync("any", 1, Token));

        Assert.Equal(
            $"summary store (jobstats@127.0.0.1:{server.Port}, database jobstats): reading job 1 failed: access denied for user 'jobstats': " +
            $"check user and password in {options.Path} and the account's host", error.Message);
        Assert.DoesNotContain(wrong, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(MariaDbServer.Password, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_database_is_named_in_the_message()
    {
        var options = server.TcpOptions(database: "nosuchdb");

        var error = await Assert.ThrowsAsync<SummaryDatabaseException>(
            () => new MariaDbSummaryStore(options).ReadAsync("any", 1, Token));

        // The account has no rights there, so the server says "access denied" for the database rather than unknown.
        Assert.Contains("nosuchdb", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(MariaDbServer.Password, error.Message, StringComparison.Ordinal);
    }

    /// <summary>Two nodes, three GPUs with every figure and one (GPU 7) with its total memory only.</summary>
    private static JobUsage GpuJob()
    {
        var usage = new JobUsage();
        var first = usage.Node("della-l01g1");
        first.Cpus = Figure.Integer(8);
        first.TotalMemory = Figure.Integer(34359738368);
        first.UsedMemory = Figure.Integer(4294967296);
        first.TotalTime = Figure.Float(28512.3);
        first.GpuUtilization = new() { ["0"] = Figure.Float(97.3), ["1"] = Figure.Integer(12) };
        first.GpuUsedMemory = new() { ["0"] = Figure.Integer(10737418240), ["1"] = Figure.Integer(1073741824) };
        first.GpuTotalMemory = new() { ["0"] = Figure.Integer(85899345920), ["1"] = Figure.Integer(85899345920) };
        var second = usage.Node("della-l01g2");
        second.Cpus = Figure.Integer(16);
        second.TotalMemory = Figure.Integer(68719476736);
        second.UsedMemory = Figure.Integer(2147483648);
        second.TotalTime = Figure.Float(14000.25);
        second.GpuUtilization = new() { ["3"] = Figure.Float(45.67) };
        second.GpuUsedMemory = new() { ["3"] = Figure.Integer(5368709120) };
        second.GpuTotalMemory = new() { ["3"] = Figure.Integer(85899345920), ["7"] = Figure.Integer(85899345920) };
        return usage;
    }

    private Task<List<string>> SummaryRowsAsync(string cluster, long jobId) => RowsAsync(
        "SELECT admin_comment, total_time, gpus FROM job_summary WHERE cluster = @cluster AND jobid = @jobid",
        ("@cluster", cluster), ("@jobid", jobId));

    private Task<List<string>> NodeRowsAsync(string cluster, long jobId) => RowsAsync("""
        SELECT n.node_name, n.cpus, n.total_memory, n.used_memory, n.total_time
        FROM job_nodes n JOIN job_summary s ON s.id = n.job_summary_id
        WHERE s.cluster = @cluster AND s.jobid = @jobid ORDER BY n.id
        """, ("@cluster", cluster), ("@jobid", jobId));

    private Task<List<string>> GpuRowsAsync(string cluster, long jobId) => RowsAsync("""
        SELECT n.node_name, g.gpu_index, g.gpu_utilization, g.gpu_used_memory, g.gpu_total_memory
        FROM job_gpu_metrics g JOIN job_nodes n ON n.id = g.job_node_id JOIN job_summary s ON s.id = n.job_summary_id
        WHERE s.cluster = @cluster AND s.jobid = @jobid ORDER BY g.id
        """, ("@cluster", cluster), ("@jobid", jobId));

    /// <summary>Each row as its values joined by '|', NULL spelled out.</summary>
    private async Task<List<string>> RowsAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await server.ConnectAsync();
        await using var command = new MySqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await using var reader = await command.ExecuteReaderAsync(Token);
        var rows = new List<string>();
        while (await reader.ReadAsync(Token))
        {
            var values = new string[reader.FieldCount];
            for (int i = 0; i < values.Length; i++)
                values[i] = reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? "";
            rows.Add(string.Join('|', values));
        }
        return rows;
    }
}
