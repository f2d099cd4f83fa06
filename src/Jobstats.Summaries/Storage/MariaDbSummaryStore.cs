using System.Globalization;
using MySqlConnector;

namespace Jobstats.Summaries.Storage;

/// <summary>
/// The external summary store on MariaDB/MySQL, in upstream's schema (<see cref="SummarySchema"/>) so upstream's
/// jobstats, reportseff-style SQL and existing site reports read what we write. A summary is keyed by (cluster, raw
/// job id); writing one replaces its node and GPU rows. Only parameterised SQL: cluster and node names come from Slurm
/// and Prometheus, which users influence.
/// </summary>
public sealed class MariaDbSummaryStore : ISummaryDatabase
{
    /// <summary>A summary writer waits on this at job end; a dead server must fail fast so the entry is retried later.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    /// <summary>A batch of a few hundred jobs takes well under a second; 30 s means the server is stuck (locks, disk).</summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Ids per <c>IN (...)</c>: a statement stays far below max_allowed_packet and the prepared-parameter limits.</summary>
    public const int IdsPerQuery = 1000;

    private readonly MySqlOptionFile _options;
    private readonly string _connectionString;
    private readonly string _target;
    private volatile bool _schemaReady;

    public MariaDbSummaryStore(MySqlOptionFile options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        string user = options.User ?? Environment.UserName;
        var builder = new MySqlConnectionStringBuilder
        {
            UserID = user,
            Password = options.Password ?? "",
            Database = options.Database,
            ConnectionTimeout = (uint)ConnectTimeout.TotalSeconds,
            DefaultCommandTimeout = (uint)CommandTimeout.TotalSeconds,
            Pooling = true,
            // No System.Transactions: each call owns its explicit transaction, and enlistment would pull in code we
            // neither use nor want in the NativeAOT program.
            AutoEnlist = false,
            ApplicationName = "jobstats",
        };
        if (options.UsesSocket)
        {
            builder.Server = options.Socket;
            builder.ConnectionProtocol = MySqlConnectionProtocol.UnixSocket;
            _target = $"{user}@{options.Socket}, database {options.Database}";
        }
        else
        {
            builder.Server = options.Host ?? "localhost";
            builder.Port = (uint)(options.Port ?? MySqlOptionFile.DefaultPort);
            _target = $"{user}@{builder.Server}:{builder.Port}, database {options.Database}";
        }
        if (options.SslMode is { } sslMode) builder.SslMode = sslMode;
        if (options.SslCa is { } sslCa) builder.SslCa = sslCa;
        _connectionString = builder.ConnectionString;
    }

    /// <summary>
    /// Creates the three tables unless they exist. Writing and backfill call it once per store; reading does not, so a
    /// read-only account (login nodes) needs no CREATE privilege.
    /// </summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (_schemaReady) return;
        await RunAsync("creating the schema", async connection =>
        {
            foreach (string statement in SummarySchema.CreateStatements)
            {
                using var command = new MySqlCommand(statement, connection);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            return true;
        }, cancellationToken).ConfigureAwait(false);
        // Concurrent first calls may both run the statements: harmless, they are idempotent.
        _schemaReady = true;
    }

    public async Task WriteAsync(IReadOnlyList<SummaryRecord> summaries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        if (summaries.Count == 0) return;
        foreach (var summary in summaries)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(summary.JobIdRaw);
        }
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await RunAsync($"storing {summaries.Count} summaries", async connection =>
        {
            await RequireStrictModeAsync(connection, cancellationToken).ConfigureAwait(false);
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var writer = new SummaryRowWriter(connection, transaction);
                foreach (var summary in summaries)
                {
                    await writer.WriteAsync(summary, cancellationToken).ConfigureAwait(false);
                }
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<string?> ReadAsync(string cluster, long jobIdRaw, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return await RunAsync($"reading job {jobIdRaw.ToString(CultureInfo.InvariantCulture)}", async connection =>
        {
            // Upstream's own query, ORDER BY included: it also serves stores that predate the UNIQUE key.
            using var command = new MySqlCommand(
                $"SELECT admin_comment FROM {SummarySchema.Summaries} WHERE cluster = @cluster AND jobid = @jobid " +
                "ORDER BY updated_at DESC LIMIT 1", connection);
            command.Parameters.AddWithValue("@cluster", cluster);
            command.Parameters.AddWithValue("@jobid", jobIdRaw);
            try
            {
                object? value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                return value as string;
            }
            catch (MySqlException e) when (e.ErrorCode == MySqlErrorCode.NoSuchTable)
            {
                // Nothing was ever written (the writer creates the tables): no summary, not a failure.
                return null;
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlySet<long>> WithSummaryAsync(string cluster, IReadOnlyCollection<long> jobIdsRaw, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(jobIdsRaw);
        var found = new HashSet<long>();
        if (jobIdsRaw.Count == 0) return found;
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        long[] ids = [.. jobIdsRaw.Distinct()];
        await RunAsync($"looking up {ids.Length} jobs", async connection =>
        {
            foreach (long[] chunk in ids.Chunk(IdsPerQuery))
            {
                using var command = new MySqlCommand { Connection = connection };
                command.Parameters.AddWithValue("@cluster", cluster);
                var names = new string[chunk.Length];
                for (int i = 0; i < chunk.Length; i++)
                {
                    names[i] = "@id" + i.ToString(CultureInfo.InvariantCulture);
                    command.Parameters.AddWithValue(names[i], chunk[i]);
                }
                command.CommandText =
                    $"SELECT jobid FROM {SummarySchema.Summaries} WHERE cluster = @cluster AND jobid IN ({string.Join(",", names)})";
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        found.Add(reader.GetInt64(0));
                    }
                }
            }
            return true;
        }, cancellationToken).ConfigureAwait(false);
        return found;
    }

    /// <summary>
    /// A value too long for its column (a 41-character cluster name) must fail the batch, not be cut to fit: strict
    /// mode is the default since MariaDB 10.2 and MySQL 5.7, but a site may have turned it off server-wide.
    /// </summary>
    private static async Task RequireStrictModeAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        using var command = new MySqlCommand(
            "SET SESSION sql_mode = IF(@@SESSION.sql_mode = '', 'STRICT_TRANS_TABLES', " +
            "CONCAT(@@SESSION.sql_mode, ',STRICT_TRANS_TABLES'))", connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens a connection for <paramref name="work"/> and turns every store failure into one line.</summary>
    private async Task<T> RunAsync<T>(string action, Func<MySqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            var connection = new MySqlConnection(_connectionString);
            await using (connection.ConfigureAwait(false))
            {
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                return await work(connection).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (StoreFailure.IsStoreFailure(e))
        {
            // The driver reports a cancelled command as a server error; the caller asked for it, so it is no failure.
            cancellationToken.ThrowIfCancellationRequested();
            throw StoreFailure.Wrap(e, action, _target, _options);
        }
    }
}
