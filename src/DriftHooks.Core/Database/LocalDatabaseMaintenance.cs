using DriftHooks.Core.SqlText;
using Npgsql;

namespace DriftHooks.Core.Database;

/// <summary>
/// The writes the companion commands make to a local database beyond applying migrations: recreating its schemas
/// (<c>sync --reset</c>) and putting history rows back (<c>restore</c>). Only <see cref="WritableDatabase"/> reaches
/// here, so production cannot.
/// </summary>
internal static class LocalDatabaseMaintenance
{
    /// <summary>The user tables of every non-system schema, as <c>schema.table</c> (the history table excluded).</summary>
    public static async Task<IReadOnlySet<string>> ListTablesAsync(WritableDatabase database, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        const string Query = """
            SELECT n.nspname, c.relname FROM pg_catalog.pg_class c
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
              AND c.relname <> '_prisma_migrations'
            """;
        var tables = new HashSet<string>(StringComparer.Ordinal);
        await GuardAsync(database, "list the tables of", async connection =>
        {
            await using var command = new NpgsqlCommand(Query, connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                tables.Add(reader.GetString(0) + "." + reader.GetString(1));
            }
        }, cancellationToken).ConfigureAwait(false);
        return tables;
    }

    /// <summary>Creates the URL's database on its server, connecting to the server's <c>postgres</c> database to issue it.</summary>
    public static async Task CreateDatabaseAsync(DatabaseUrl url, ProductionGuard guard, DatabaseConnectionOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        await using var admin = await WritableDatabase.OpenAsync(url.With(database: "postgres", schema: "public"), guard, options, cancellationToken).ConfigureAwait(false);
        await admin.RunAsync("CREATE DATABASE " + Sql.QuoteIdentifier(url.Database ?? url.Username ?? "postgres"), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Drops and recreates each schema (everything in it goes), in one transaction.</summary>
    public static Task ResetSchemasAsync(WritableDatabase database, IEnumerable<string> schemas, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        var script = "BEGIN;\n" + string.Concat(schemas.Distinct(StringComparer.Ordinal).Select(s =>
            $"DROP SCHEMA IF EXISTS {Sql.QuoteIdentifier(s)} CASCADE;\nCREATE SCHEMA {Sql.QuoteIdentifier(s)};\n")) + "COMMIT;";
        return database.RunAsync(script, cancellationToken);
    }

    /// <summary>
    /// In one transaction: creates the history table if it is missing, deletes the rows whose ids are in
    /// <paramref name="replace"/>, and inserts <paramref name="rows"/> column for column.
    /// </summary>
    public static Task RestoreRowsAsync(WritableDatabase database, IReadOnlyList<MigrationRecord> rows, IReadOnlyCollection<string> replace, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        var schema = database.Url.Schema;
        var table = Sql.MigrationsTableIn(schema);
        return GuardAsync(database, "restore the migration history of", async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var history = await MigrationHistoryReader.ReadAsync(connection, schema, cancellationToken).ConfigureAwait(false);
            if (!history.TableExists)
            {
                await using var create = new NpgsqlCommand("CREATE SCHEMA IF NOT EXISTS " + Sql.QuoteIdentifier(schema) + ";\n" + Sql.CreateMigrationsTable(schema), connection, transaction);
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            if (replace.Count > 0)
            {
                await using var delete = new NpgsqlCommand($"""DELETE FROM {table} WHERE "id" = ANY($1)""", connection, transaction);
                delete.Parameters.Add(new NpgsqlParameter { Value = replace.ToArray() });
                await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            foreach (var row in rows)
            {
                await using var insert = new NpgsqlCommand(
                    $"""
                    INSERT INTO {table} ("id", "checksum", "finished_at", "migration_name", "logs", "rolled_back_at", "started_at", "applied_steps_count")
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                    """,
                    connection,
                    transaction);
                insert.Parameters.Add(new NpgsqlParameter { Value = row.Id });
                insert.Parameters.Add(new NpgsqlParameter { Value = (object?)row.Checksum ?? DBNull.Value });
                insert.Parameters.Add(new NpgsqlParameter { Value = row.FinishedAt is { } f ? f : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
                insert.Parameters.Add(new NpgsqlParameter { Value = row.MigrationName });
                insert.Parameters.Add(new NpgsqlParameter { Value = (object?)row.Logs ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
                insert.Parameters.Add(new NpgsqlParameter { Value = row.RolledBackAt is { } r ? r : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
                insert.Parameters.Add(new NpgsqlParameter { Value = row.StartedAt });
                insert.Parameters.Add(new NpgsqlParameter { Value = row.AppliedStepsCount });
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    static async Task GuardAsync(WritableDatabase database, string activity, Func<NpgsqlConnection, Task> work, CancellationToken cancellationToken)
    {
        try
        {
            await work(database.Connection).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw DatabaseFailure.Translate(e, database.Url, activity);
        }
    }
}
